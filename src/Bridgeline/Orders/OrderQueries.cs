using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Orders;

/// <summary>Orders as the agent sees them: shipments with the recognised carrier, latest status and anomalies.</summary>
public sealed class OrderQueries(BridgelineDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TrackingOptions> options)
{
    private readonly BusinessDays _calendar = BusinessDays.From(options.Value);

    public async Task<OrderDto> GetAsync(string number, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Shipments).FirstOrDefaultAsync(o => o.Number == number.Trim(), ct)
            ?? throw new NotFoundProblem($"Order {number}");
        return ToDto(order);
    }

    public async Task<List<OrderDto>> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var ids = db.Set<CaseOrder>().Where(x => x.CaseId == caseId).Select(x => x.OrderId);
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Shipments).Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        return orders.OrderByDescending(o => o.PlacedAt).Select(ToDto).ToList();
    }

    public async Task<List<OrderDto>> ForCustomerAsync(Guid customerId, int limit, CancellationToken ct)
    {
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Shipments)
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(limit)
            .ToListAsync(ct);
        return orders.Select(ToDto).ToList();
    }

    public async Task<List<FollowUpDto>> FollowUpsAsync(Case @case, CancellationToken ct)
    {
        var rows = await db.Set<CarrierFollowUp>().AsNoTracking()
            .Where(f => f.CaseId == @case.Id)
            .OrderBy(f => f.CreatedAt)
            .Select(f => new { f, Team = f.Team!.Name, Tracking = db.Set<Shipment>().Where(s => s.Id == f.ShipmentId).Select(s => s.TrackingNumber).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => new FollowUpDto(r.f.Id, @case.DisplayNumber, r.f.ShipmentId, r.Tracking ?? "", r.Team, r.f.Note, r.f.Status, r.f.CreatedByName, r.f.CreatedAt, "internal")).ToList();
    }

    public async Task<List<UnmatchedEventDto>> UnmatchedAsync(int limit, CancellationToken ct)
    {
        var rows = await db.Set<TrackingEvent>().AsNoTracking()
            .Where(e => e.ShipmentId == null)
            .OrderByDescending(e => e.ReceivedAt)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(e => new UnmatchedEventDto(e.TrackingNumber, Recognition(e.TrackingNumber), e.Code, e.Description, e.OccurredAt, e.Status)).ToList();
    }

    public OrderDto ToDto(Order o)
    {
        var now = clock.GetUtcNow();
        var shipments = o.Shipments.OrderBy(s => s.Position).ThenBy(s => s.CreatedAt).Select(s => ToDto(s, o.Number, now)).ToList();
        return new OrderDto(o.Id, o.Number, o.CustomerId, o.Status, Money.Of(o.Total, o.Currency), o.PlacedAt, o.Lines, shipments,
            shipments.SelectMany(s => s.Anomalies).ToList());
    }

    private ShipmentDto ToDto(Shipment s, string orderNumber, DateTimeOffset now)
    {
        var last = s.LastEventAt is { } at ? new TrackingEventDto(s.LastEventCode ?? "", s.LastEventDescription ?? "", s.LastEventLocation, at, s.Status) : null;

        // A shipment that was replaced by a reship no longer raises anomalies: it has been dealt with.
        var replaced = s.Order?.Shipments.Any(x => x.ReshipOfId == s.Id) ?? false;
        var anomalies = replaced ? [] : Anomalies.For(s, now, options.Value, _calendar);
        return new ShipmentDto(s.Id, orderNumber, s.Reference, s.TrackingNumber,
            new RecognitionDto(s.ReferenceKind, s.Carrier, s.Format, s.ReferenceKind == ReferenceKind.TrackingNumber ? null : TrackingNumbers.Recognise(s.TrackingNumber).Note),
            s.ServiceLevel, s.ShippedAt, s.PromisedBy, s.Status, last, s.ReshipOfId, s.NoChargeUpgrade, anomalies);
    }

    private static RecognitionDto Recognition(string number)
    {
        var r = TrackingNumbers.Recognise(number);
        return new RecognitionDto(r.Kind, r.Carrier, r.Format, r.Note);
    }
}
