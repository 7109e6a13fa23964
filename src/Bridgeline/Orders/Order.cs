using System.Text.Json;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Orders.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Orders;

/// <summary>What a customer bought: the shop's order number, lines, total and status.</summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The shop's own number (C-1001), unique.</summary>
    public required string Number { get; set; }

    public Guid CustomerId { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Placed;

    public decimal Total { get; set; }

    public required string Currency { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Shipment> Shipments { get; set; } = [];
}

public sealed record OrderLine(string? Sku, string Description, int Quantity, decimal UnitPrice);

public enum OrderStatus
{
    Placed,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
}

/// <summary>How (part of) an order travels: the reference the shop holds, what Bridgeline recognised in it, and the carrier's latest word.</summary>
public sealed class Shipment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public Order? Order { get; set; }

    /// <summary>Place within the order (0, 1, …): shipments list in the order they were sent or made.</summary>
    public int Position { get; set; }

    /// <summary>The reference exactly as the shop's system gave it ("shipping number").</summary>
    public required string Reference { get; set; }

    /// <summary>The normalised reference; equal to the carrier's tracking number when recognised.</summary>
    public required string TrackingNumber { get; set; }

    public ReferenceKind ReferenceKind { get; set; }

    public Carrier Carrier { get; set; }

    public string? Format { get; set; }

    public string? ServiceLevel { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    /// <summary>The delivery date promised to the customer, end of that day in the business time zone.</summary>
    public DateTimeOffset? PromisedBy { get; set; }

    /// <summary>The status of the latest carrier event, kept here so lists and anomaly checks need no event scan.</summary>
    public TrackingStatus Status { get; set; } = TrackingStatus.None;

    public DateTimeOffset? LastEventAt { get; set; }

    public string? LastEventCode { get; set; }

    public string? LastEventDescription { get; set; }

    public string? LastEventLocation { get; set; }

    /// <summary>The customer said a delivered parcel never reached them.</summary>
    public DateTimeOffset? ReportedNotReceivedAt { get; set; }

    /// <summary>The shipment this one replaces (a reship).</summary>
    public Guid? ReshipOfId { get; set; }

    /// <summary>A faster service given without charge: the customer is never billed for it.</summary>
    public bool NoChargeUpgrade { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The normalised meaning of a carrier event, whatever the carrier's own code.</summary>
public enum TrackingStatus
{
    None,
    LabelCreated,
    AcceptedByCarrier,
    InTransit,
    OutForDelivery,
    Delivered,
    Exception,
    Returned,
}

/// <summary>What the carrier said, when. Stored even before the shipment is known (unmatched), and matched when it arrives.</summary>
public sealed class TrackingEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string TrackingNumber { get; set; }

    public Guid? ShipmentId { get; set; }

    public Carrier Carrier { get; set; }

    public required string Code { get; set; }

    public required string Description { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public TrackingStatus Status { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A case is about these orders; the case shows them without a click.</summary>
public sealed class CaseOrder
{
    public Guid CaseId { get; set; }

    public Guid OrderId { get; set; }

    public DateTimeOffset AttachedAt { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.Property(o => o.Number).HasMaxLength(64);
        e.HasIndex(o => o.Number).IsUnique();
        e.Property(o => o.Currency).HasMaxLength(3);
        e.Property(o => o.Total).HasPrecision(18, 2);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(o => o.Lines).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
            v => JsonSerializer.Deserialize<List<OrderLine>>(v, JsonSerializerOptions.Web) ?? new List<OrderLine>(),
            new ValueComparer<List<OrderLine>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        e.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(o => o.Shipments).WithOne(s => s.Order).HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(o => new { o.CustomerId, o.PlacedAt });
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> e)
    {
        e.Property(s => s.Reference).HasMaxLength(100);
        e.Property(s => s.TrackingNumber).HasMaxLength(64);
        e.Property(s => s.ReferenceKind).HasConversion<string>().HasMaxLength(32);
        e.Property(s => s.Carrier).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Format).HasMaxLength(64);
        e.Property(s => s.ServiceLevel).HasMaxLength(32);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        e.Property(s => s.LastEventCode).HasMaxLength(32);
        e.Property(s => s.LastEventDescription).HasMaxLength(500);
        e.Property(s => s.LastEventLocation).HasMaxLength(200);
        e.HasOne<Shipment>().WithMany().HasForeignKey(s => s.ReshipOfId).OnDelete(DeleteBehavior.Restrict);

        // Incoming carrier events find their shipment by tracking number.
        e.HasIndex(s => s.TrackingNumber);
    }
}

internal sealed class TrackingEventConfiguration : IEntityTypeConfiguration<TrackingEvent>
{
    public void Configure(EntityTypeBuilder<TrackingEvent> e)
    {
        e.Property(t => t.TrackingNumber).HasMaxLength(64);
        e.Property(t => t.Carrier).HasConversion<string>().HasMaxLength(16);
        e.Property(t => t.Code).HasMaxLength(32);
        e.Property(t => t.Description).HasMaxLength(500);
        e.Property(t => t.Location).HasMaxLength(200);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(24);
        e.HasOne<Shipment>().WithMany().HasForeignKey(t => t.ShipmentId).OnDelete(DeleteBehavior.SetNull);

        // The same event delivered twice (webhook retry, overlapping poll) is stored once.
        e.HasIndex(t => new { t.TrackingNumber, t.Code, t.OccurredAt }).IsUnique();
        e.HasIndex(t => new { t.ShipmentId, t.OccurredAt });
    }
}

internal sealed class CaseOrderConfiguration : IEntityTypeConfiguration<CaseOrder>
{
    public void Configure(EntityTypeBuilder<CaseOrder> e)
    {
        e.HasKey(x => new { x.CaseId, x.OrderId });
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.OrderId);
    }
}
