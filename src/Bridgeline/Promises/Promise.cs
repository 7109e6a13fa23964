using Bridgeline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Promises;

/// <summary>A commitment made to the customer ("call back by 17:00 today") with an owner and a due time.</summary>
public sealed class Promise
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The owner's team when it was made, so reports stay true after people move teams.</summary>
    public Guid? TeamId { get; set; }

    public PromiseKind Kind { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset MadeAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset RemindAt { get; set; }

    public PromiseState State { get; set; } = PromiseState.Open;

    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset? KeptAt { get; set; }

    public DateTimeOffset? BrokenAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>When the worker acts next (reminder, then broken); null once settled. Indexed.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public PromiseDueStage DueStage { get; set; } = PromiseDueStage.Remind;

    public int Version { get; set; }
}

public enum PromiseKind
{
    Callback,
    Email,
    RefundArrives,
    Other,
}

public enum PromiseState
{
    Open,
    Kept,
    Broken,
    Cancelled,
}

public enum PromiseDueStage
{
    None,
    Remind,
    Break,
}

internal sealed class PromiseConfiguration : IEntityTypeConfiguration<Promise>
{
    public void Configure(EntityTypeBuilder<Promise> e)
    {
        e.ToTable("promises");
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.DueStage).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Text).HasMaxLength(1000);
        e.Property(p => p.CancelReason).HasMaxLength(1000);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OwnerId, p.State, p.DueAt });
        e.HasIndex(p => new { p.CaseId, p.DueAt });
        e.HasIndex(p => new { p.TeamId, p.MadeAt });
        e.HasIndex(p => p.NextDueAt);
    }
}
