using Bridgeline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Escalations;

/// <summary>Who a team's cases go up to, level by level (the owner is level 0): supervisor, claims manager, executive.</summary>
public sealed class EscalationChain
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    public List<EscalationLevel> Levels { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One level of a chain: a named person, or an on-duty rota whose entry covering the moment is used.</summary>
public sealed class EscalationLevel
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChainId { get; set; }

    /// <summary>1 is the first level above the owner.</summary>
    public int Level { get; set; }

    /// <summary>What the customer is told, e.g. "Claims Management".</summary>
    public required string Name { get; set; }

    public Guid? UserId { get; set; }

    public List<RotaEntry> Rota { get; set; } = [];

    public int AcknowledgeWithinMinutes { get; set; } = 60;

    public int AnswerWithinHours { get; set; } = 48;

    public Guid? OnDutyAt(DateTimeOffset at) =>
        Rota.Where(r => r.StartsAt <= at && at < r.EndsAt).OrderBy(r => r.StartsAt).Select(r => (Guid?)r.UserId).FirstOrDefault()
        ?? UserId
        ?? Rota.OrderBy(r => r.StartsAt).Select(r => (Guid?)r.UserId).FirstOrDefault();
}

/// <summary>Who is on duty for a level from when to when.</summary>
public sealed class RotaEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid LevelId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}

internal sealed class EscalationChainConfiguration : IEntityTypeConfiguration<EscalationChain>
{
    public void Configure(EntityTypeBuilder<EscalationChain> e)
    {
        e.ToTable("escalation_chains");
        e.Property(c => c.Name).HasMaxLength(200);
        e.HasOne<Teams.Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.TeamId).IsUnique();
        e.HasMany(c => c.Levels).WithOne().HasForeignKey(l => l.ChainId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationLevelConfiguration : IEntityTypeConfiguration<EscalationLevel>
{
    public void Configure(EntityTypeBuilder<EscalationLevel> e)
    {
        e.ToTable("escalation_levels");
        e.Property(l => l.Name).HasMaxLength(200);
        e.HasIndex(l => new { l.ChainId, l.Level }).IsUnique();
        e.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(l => l.Rota).WithOne().HasForeignKey(r => r.LevelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RotaEntryConfiguration : IEntityTypeConfiguration<RotaEntry>
{
    public void Configure(EntityTypeBuilder<RotaEntry> e)
    {
        e.ToTable("escalation_rota");
        e.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
