using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Knowledge;
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
        return ToDto(order, await ArticleLinksAsync([order], ct));
    }

    public async Task<List<OrderDto>> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        var ids = db.Set<CaseOrder>().Where(x => x.CaseId == caseId).Select(x => x.OrderId);
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Shipments).Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        var articles = await ArticleLinksAsync(orders, ct);
        return orders.OrderByDescending(o => o.PlacedAt).Select(o => ToDto(o, articles)).ToList();
    }

    public async Task<List<OrderDto>> ForCustomerAsync(Guid customerId, int limit, CancellationToken ct)
    {
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Shipments)
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(limit)
            .ToListAsync(ct);
        var articles = await ArticleLinksAsync(orders, ct);
        return orders.Select(o => ToDto(o, articles)).ToList();
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

    private OrderDto ToDto(Order o, IReadOnlyDictionary<string, string> articles)
    {
        var now = clock.GetUtcNow();
        var shipments = o.Shipments.OrderBy(s => s.Position).ThenBy(s => s.CreatedAt).Select(s => ToDto(s, o.Number, now, articles)).ToList();
        return new OrderDto(o.Id, o.Number, o.CustomerId, o.Status, Money.Of(o.Total, o.Currency), o.PlacedAt, o.Lines, shipments,
            shipments.SelectMany(s => s.Anomalies).ToList());
    }

    /// <summary>
    /// Where each anomaly's article is: the configured link, else the knowledge-base article tagged with the anomaly
    /// (the most recently updated when several are). Articles are read only when a shipment shows an anomaly.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> ArticleLinksAsync(IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var configured = options.Value.Articles;
        var now = clock.GetUtcNow();
        var wanted = orders.SelectMany(o => o.Shipments)
            .SelectMany(s => Anomalies.For(s, now, options.Value, _calendar))
            .Select(a => Names.Of(a.Type))
            .Where(code => !configured.ContainsKey(code))
            .ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return configured;
        }

        var articles = await db.Set<Article>().AsNoTracking().Select(a => new { a.Slug, a.Anomalies, a.UpdatedAt }).ToListAsync(ct);
        var links = new Dictionary<string, string>(configured, StringComparer.Ordinal);
        foreach (var article in articles.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Slug, StringComparer.Ordinal))
        {
            foreach (var code in article.Anomalies.Where(wanted.Contains))
            {
                links.TryAdd(code, "/knowledge/" + article.Slug);
            }
        }

        return links;
    }

    private ShipmentDto ToDto(Shipment s, string orderNumber, DateTimeOffset now, IReadOnlyDictionary<string, string> articles)
    {
        var last = s.LastEventAt is { } at ? new TrackingEventDto(s.LastEventCode ?? "", s.LastEventDescription ?? "", s.LastEventLocation, at, s.Status) : null;

        // A shipment that was replaced by a reship no longer raises anomalies: it has been dealt with.
        var replaced = s.Order?.Shipments.Any(x => x.ReshipOfId == s.Id) ?? false;
        var anomalies = replaced ? [] : Anomalies.For(s, now, options.Value, _calendar, articles);
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
