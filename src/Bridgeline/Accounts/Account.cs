using Bridgeline.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Accounts;

/// <summary>The customer's relationship with the company: a numbered account on a plan, open or closed, with its charges.</summary>
public sealed class Account
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    /// <summary>The number the company's billing system uses; unique.</summary>
    public required string Number { get; set; }

    /// <summary>Plan or package, e.g. "Premium 300".</summary>
    public required string Plan { get; set; }

    public AccountStatus Status { get; set; }

    public DateOnly OpenedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public decimal Balance { get; set; }

    /// <summary>ISO 4217, e.g. "USD".</summary>
    public required string Currency { get; set; }

    public List<Charge> Charges { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

public enum AccountStatus
{
    Active,
    Closed,
}

/// <summary>A charge posted to an account. One posted after the account closed is flagged: it needs a fee reversal.</summary>
public sealed class Charge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid AccountId { get; set; }

    public DateOnly PostedOn { get; set; }

    /// <summary>"late_fee", "monthly_fee", "purchase", "interest"…</summary>
    public required string Kind { get; set; }

    public string? Description { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    /// <summary>Posted to a closed account after its closed date. Stored so flagged charges are found by index.</summary>
    public bool AfterClosure { get; set; }

    /// <summary>When a fee reversal took the whole charge back; a reversed charge is no longer flagged.</summary>
    public DateTimeOffset? ReversedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.Property(a => a.Number).HasMaxLength(64);
        e.Property(a => a.Plan).HasMaxLength(200);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Currency).HasMaxLength(3);
        e.Property(a => a.Balance).HasPrecision(18, 2);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasIndex(a => a.Number).IsUnique();
        e.HasIndex(a => a.CustomerId);
        e.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Charges).WithOne().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> e)
    {
        e.Property(c => c.Kind).HasMaxLength(64);
        e.Property(c => c.Description).HasMaxLength(500);
        e.Property(c => c.Currency).HasMaxLength(3);
        e.Property(c => c.Amount).HasPrecision(18, 2);
        e.HasIndex(c => new { c.AccountId, c.PostedOn });
        e.HasIndex(c => new { c.AccountId, c.AfterClosure });
    }
}
