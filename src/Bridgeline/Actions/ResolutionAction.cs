using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Actions;

/// <summary>Something done for a customer on a case: a refund, a reship, a no-charge upgrade… Recorded whether executed, waiting for approval or denied.</summary>
public sealed class ResolutionAction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid CustomerId { get; set; }

    public ActionKind Kind { get; set; }

    /// <summary>Money moved, in <see cref="Currency"/>; null for actions that move none (a reship).</summary>
    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public ActionTargetType TargetType { get; set; }

    /// <summary>The order number, shipment id or account charge id the action applies to.</summary>
    public required string Target { get; set; }

    public string? ServiceLevel { get; set; }

    public ActionStatus Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>Set when this action was done as part of another (the no-charge upgrade of a reship).</summary>
    public Guid? PartOfId { get; set; }

    /// <summary>What the connector that executed it reports back: a ledger entry, a new shipment id.</summary>
    public string? ExecutionReference { get; set; }

    public Guid? RequestedById { get; set; }

    public required string RequestedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExecutedAt { get; set; }
}

public enum ActionKind
{
    Refund,
    PartialRefund,
    Credit,
    FeeReversal,
    Reship,
    ShippingUpgradeNoCharge,
    Replacement,
}

public enum ActionTargetType
{
    Order,
    Shipment,
    Charge,
}

public enum ActionStatus
{
    Executed,
    PendingApproval,
    Denied,
}

/// <summary>A line in Bridgeline's own ledger: the built-in connector's record of what was done with money or goods.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActionId { get; set; }

    public Guid CustomerId { get; set; }

    public ActionKind Kind { get; set; }

    /// <summary>Signed from the customer's side: a refund is positive (owed to them); a no-charge upgrade is zero.</summary>
    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public required string Target { get; set; }

    public required string Description { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class ResolutionActionConfiguration : IEntityTypeConfiguration<ResolutionAction>
{
    public void Configure(EntityTypeBuilder<ResolutionAction> e)
    {
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        e.Property(a => a.TargetType).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Amount).HasPrecision(18, 2);
        e.Property(a => a.Currency).HasMaxLength(3);
        e.Property(a => a.Target).HasMaxLength(100);
        e.Property(a => a.ServiceLevel).HasMaxLength(32);
        e.Property(a => a.Reason).HasMaxLength(2000);
        e.Property(a => a.ExecutionReference).HasMaxLength(200);
        e.Property(a => a.RequestedByName).HasMaxLength(320);
        e.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.CaseId, a.CreatedAt });
        e.HasIndex(a => new { a.Status, a.CreatedAt });
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(l => l.Amount).HasPrecision(18, 2);
        e.Property(l => l.Currency).HasMaxLength(3);
        e.Property(l => l.Target).HasMaxLength(100);
        e.Property(l => l.Description).HasMaxLength(500);
        e.HasOne<ResolutionAction>().WithMany().HasForeignKey(l => l.ActionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => new { l.CustomerId, l.At });
    }
}
