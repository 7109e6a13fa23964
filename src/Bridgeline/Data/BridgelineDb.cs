using System.Text.Json;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Bridgeline.Teams;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bridgeline.Data;

/// <summary>
/// The one model of Bridgeline. Each database provider has a subclass
/// (<see cref="SqliteBridgelineDb"/>, <see cref="PostgresBridgelineDb"/>) that owns its migrations;
/// everything else depends on this base type.
/// </summary>
public abstract class BridgelineDb(DbContextOptions options) : IdentityUserContext<StaffUser, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that sign sign-in cookies and antiforgery tokens, shared by every node on one database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerEmail> CustomerEmails => Set<CustomerEmail>();

    public DbSet<CustomerPhone> CustomerPhones => Set<CustomerPhone>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<ContactReason> ContactReasons => Set<ContactReason>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Counter> Counters => Set<Counter>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<CaseStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CasePriority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<InteractionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Direction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NoteKind>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasIndex(t => t.Name).IsUnique();
        });

        builder.Entity<StaffUser>(e =>
        {
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.Role).HasMaxLength(32);
            e.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Integration).HasMaxLength(100);
            e.Property(k => k.Role).HasMaxLength(32);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Customer>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Emails).WithOne().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.CreatedAt);
        });

        builder.Entity<CustomerEmail>(e =>
        {
            e.Property(m => m.Address).HasMaxLength(320);
            e.Property(m => m.Normalized).HasMaxLength(320);
            e.HasIndex(m => m.Normalized);
        });

        builder.Entity<CustomerPhone>(e =>
        {
            e.Property(p => p.Number).HasMaxLength(40);
            e.Property(p => p.Raw).HasMaxLength(60);
            e.HasIndex(p => p.Number);
        });

        builder.Entity<Case>(e =>
        {
            e.Property(c => c.Subject).HasMaxLength(300);
            e.Property(c => c.ContactReasonCode).HasMaxLength(100);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Number).IsUnique();
            e.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(c => c.Team).WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<ContactReason>().WithMany().HasForeignKey(c => c.ContactReasonCode).OnDelete(DeleteBehavior.Restrict);

            // The desk's lists: "my cases", "my team's queue", a status filter, a customer's cases —
            // each a keyset walk down the case number within its filter.
            e.HasIndex(c => new { c.OwnerId, c.Status, c.Number });
            e.HasIndex(c => new { c.TeamId, c.Status, c.Number });
            e.HasIndex(c => new { c.Status, c.Number });
            e.HasIndex(c => new { c.CustomerId, c.Number });

            // "My open cases" and the unassigned queue: the open rows only, already in number order, so
            // the first page reads 25 entries however many cases the agent has closed.
            e.HasIndex(c => new { c.OwnerId, c.Number }, "ix_cases_open_by_owner").HasFilter(CaseTransitions.OpenStatusesSql);
            e.HasIndex(c => new { c.TeamId, c.Number }, "ix_cases_open_by_team").HasFilter(CaseTransitions.OpenStatusesSql);
        });

        builder.Entity<ContactReason>(e =>
        {
            e.HasKey(r => r.Code);
            e.Property(r => r.Code).HasMaxLength(100);
            e.Property(r => r.Name).HasMaxLength(200);
        });

        builder.Entity<Interaction>(e =>
        {
            e.Property(i => i.AuthorName).HasMaxLength(320);
            e.Property(i => i.CallFrom).HasMaxLength(40);
            e.Property(i => i.CallTo).HasMaxLength(40);
            e.Property(i => i.EventType).HasMaxLength(64);
            e.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.Case).WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);

            // The customer's timeline and a case's timeline, newest first, paged by (time, id).
            e.HasIndex(i => new { i.CustomerId, i.OccurredAt, i.Id });
            e.HasIndex(i => new { i.CaseId, i.OccurredAt, i.Id });

            // Full-text search on PostgreSQL walks a common word's matches newest first along this index.
            e.HasIndex(i => i.OccurredAt);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorName).HasMaxLength(320);
            e.Property(a => a.EntityType).HasMaxLength(32);
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.Property(a => a.Changes).HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, JsonSerializerOptions.Web) ?? new List<FieldChange>(),
                new ValueComparer<List<FieldChange>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            e.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        });

        builder.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasMaxLength(300);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.Location).HasMaxLength(500);
            e.HasIndex(r => r.CreatedAt);
        });

        builder.Entity<Counter>(e =>
        {
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(64);
            e.HasData(new Counter { Name = CaseNumbers.CounterName, Value = CaseNumbers.FirstNumber - 1 });
        });

        // Features added after the core keep their mapping beside their entities
        // (an IEntityTypeConfiguration<T> in the feature's folder).
        builder.ApplyConfigurationsFromAssembly(typeof(BridgelineDb).Assembly);
    }

    private void RefuseAuditRewrites()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries are append-only.");
            }
        }
    }
}
