using Bridgeline.Cases;
using Bridgeline.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Orders;

/// <summary>
/// An internal task to take a shipment up with the carrier, linked to the case and the shipment and
/// assigned to a team. It is never an interaction on the timeline, so no customer view can show it.
/// </summary>
public sealed class CarrierFollowUp
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid ShipmentId { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public required string Note { get; set; }

    public FollowUpStatus Status { get; set; } = FollowUpStatus.Open;

    public required string CreatedByName { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum FollowUpStatus
{
    Open,
    Done,
}

internal sealed class CarrierFollowUpConfiguration : IEntityTypeConfiguration<CarrierFollowUp>
{
    public void Configure(EntityTypeBuilder<CarrierFollowUp> e)
    {
        e.Property(f => f.Note).HasMaxLength(4000);
        e.Property(f => f.CreatedByName).HasMaxLength(320);
        e.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shipment>().WithMany().HasForeignKey(f => f.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(f => f.Team).WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => new { f.CaseId, f.CreatedAt });
        e.HasIndex(f => new { f.TeamId, f.Status });
    }
}
