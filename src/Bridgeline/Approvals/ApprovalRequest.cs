using Bridgeline.Actions;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Approvals;

/// <summary>
/// A resolution action above its requester's authority, waiting for someone who has it. Routed to one person
/// (the on-duty level of the team's chain that has the authority); decided once — the first decision wins.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActionId { get; set; }

    public Guid CaseId { get; set; }

    public Guid? RequestedById { get; set; }

    public required string RequestedByName { get; set; }

    /// <summary>Why it needs approval: the limit it is above.</summary>
    public required string Why { get; set; }

    /// <summary>Who it was routed to; null when nobody with the authority could be found (any supervisor who has it may decide).</summary>
    public Guid? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    /// <summary>How the assignee was found, e.g. "Supervisor, on duty".</summary>
    public string? RoutedVia { get; set; }

    public ApprovalState State { get; set; } = ApprovalState.Pending;

    public Guid? DecidedById { get; set; }

    public string? DecidedByName { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum ApprovalState
{
    Pending,
    Approved,
    Denied,
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> e)
    {
        e.ToTable("approval_requests");
        e.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.RequestedByName).HasMaxLength(320);
        e.Property(a => a.AssigneeName).HasMaxLength(320);
        e.Property(a => a.DecidedByName).HasMaxLength(320);
        e.Property(a => a.Why).HasMaxLength(500);
        e.Property(a => a.RoutedVia).HasMaxLength(300);
        e.Property(a => a.DecisionReason).HasMaxLength(2000);
        e.HasOne<ResolutionAction>().WithMany().HasForeignKey(a => a.ActionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(a => a.ActionId).IsUnique();
        e.HasIndex(a => new { a.CaseId, a.CreatedAt });

        // "Mine" with its header count, and everyone's pending list, oldest first.
        e.HasIndex(a => new { a.AssigneeId, a.State, a.CreatedAt });
        e.HasIndex(a => new { a.State, a.CreatedAt });
    }
}
