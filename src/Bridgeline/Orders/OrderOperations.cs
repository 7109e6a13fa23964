using System.Globalization;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Orders;

/// <summary>Creating orders with their shipments, attaching them to cases, and the internal carrier follow-up.</summary>
public sealed class OrderOperations(BridgelineDb db, TimeProvider clock, IOptions<TrackingOptions> options)
{
    public async Task<Order> CreateAsync(CreateOrderRequest request, Actor actor, CancellationToken ct)
    {
        var order = await ReadAsync(request, ct);
        Add(order, actor);
        await SaveAsync(order, ct);
        return order;
    }

    /// <summary>Stores every valid order and reports the others by index; one bad order never blocks the rest.</summary>
    public async Task<BulkOrdersResult> CreateManyAsync(IReadOnlyList<CreateOrderRequest?> requests, Actor actor, CancellationToken ct)
    {
        var created = new List<string>();
        var errors = new List<BulkError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var numbers = requests.Select(r => r?.Number?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
        var taken = (await db.Set<Order>().Where(o => numbers.Contains(o.Number)).Select(o => o.Number).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var customerIds = requests.Select(r => r?.CustomerId).Where(c => c is not null).Select(c => c!.Value).Distinct().ToList();
        var customers = (await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var orders = new List<Order>();

        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            try
            {
                if (request is null)
                {
                    throw ValidationFailed.For("order", "An order object is required.");
                }

                var order = Read(request, customers.Contains, out var v);
                if (order is not null && !seen.Add(order.Number))
                {
                    v.Add("number", $"Order {order.Number} appears twice in this batch.");
                }
                else if (order is not null && taken.Contains(order.Number))
                {
                    v.Add("number", $"Order {order.Number} already exists.");
                }

                v.ThrowIfInvalid();
                orders.Add(order!);
                created.Add(order!.Number);
            }
            catch (ValidationFailed f)
            {
                errors.Add(new BulkError(i, request?.Number, f.Errors));
            }
        }

        foreach (var order in orders)
        {
            Add(order, actor);
        }

        foreach (var shipment in orders.SelectMany(o => o.Shipments))
        {
            await RecordCarrierEvents.MatchWaitingEventsAsync(db, shipment, ct);
        }

        await db.SaveChangesAsync(ct);
        return new BulkOrdersResult(requests.Count, created, errors);
    }

    public async Task AttachToCaseAsync(string caseNumber, AttachOrderRequest request, Actor actor, CancellationToken ct)
    {
        var number = new Validator().Required("orderNumber", request.OrderNumber, 64);
        if (number is null)
        {
            throw ValidationFailed.For("orderNumber", "This field is required.");
        }

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Number == number, ct) ?? throw new NotFoundProblem($"Order {number}");
        if (order.CustomerId != @case.CustomerId)
        {
            throw new UnprocessableProblem($"Order {order.Number} belongs to another customer than case {@case.DisplayNumber}.");
        }

        if (await db.Set<CaseOrder>().AnyAsync(x => x.CaseId == @case.Id && x.OrderId == order.Id, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Set<CaseOrder>().Add(new CaseOrder { CaseId = @case.Id, OrderId = order.Id, AttachedAt = now });
        Auditor.Record(db, actor, now, "case", @case.Id, "order_attached", [new FieldChange("order", null, order.Number)]);
        CaseActivity.AddEvent(db, @case, actor, now, "order_attached", $"Order {order.Number} attached");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The customer says a parcel the carrier calls delivered never arrived.</summary>
    public async Task ReportNotReceivedAsync(Guid shipmentId, Actor actor, CancellationToken ct)
    {
        var shipment = await db.Set<Shipment>().FirstOrDefaultAsync(s => s.Id == shipmentId, ct) ?? throw new NotFoundProblem($"Shipment {shipmentId}");
        if (shipment.ReportedNotReceivedAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        shipment.ReportedNotReceivedAt = now;
        Auditor.Record(db, actor, now, "shipment", shipment.Id, "reported_not_received", [new FieldChange("reportedNotReceivedAt", null, now.ToString("O", CultureInfo.InvariantCulture))]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Opens the internal follow-up with the carrier, assigned to the follow-up team. No interaction is written: the customer never sees it.</summary>
    public async Task<CarrierFollowUp> OpenFollowUpAsync(string caseNumber, FollowUpRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        if (request.ShipmentId is null)
        {
            v.Add("shipmentId", "This field is required.");
        }

        var note = v.Optional("note", request.Note, 4000);
        v.ThrowIfInvalid();

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var shipment = await db.Set<Shipment>().Include(s => s.Order).FirstOrDefaultAsync(s => s.Id == request.ShipmentId, ct)
            ?? throw ValidationFailed.For("shipmentId", $"No shipment {request.ShipmentId}.");
        if (shipment.Order!.CustomerId != @case.CustomerId)
        {
            throw new UnprocessableProblem("The shipment belongs to another customer's order.");
        }

        var teamName = options.Value.FollowUpTeam;
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == teamName, ct)
            ?? throw new UnprocessableProblem($"There is no team '{teamName}' to take carrier follow-ups; create it or set Bridgeline:Tracking:FollowUpTeam.");
        var now = clock.GetUtcNow();
        var followUp = new CarrierFollowUp
        {
            CaseId = @case.Id,
            ShipmentId = shipment.Id,
            TeamId = team.Id,
            Note = note ?? $"Ask {Names.Label(shipment.Carrier)} about {shipment.TrackingNumber}: last event \"{shipment.LastEventDescription ?? "none"}\".",
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedAt = now,
        };
        db.Set<CarrierFollowUp>().Add(followUp);
        Auditor.Record(db, actor, now, "case", @case.Id, "carrier_follow_up_opened", [new FieldChange("carrierFollowUp", null, shipment.TrackingNumber), new FieldChange("team", null, team.Name)]);
        await db.SaveChangesAsync(ct);
        return followUp;
    }

    /// <summary>A new shipment of the same order replacing <paramref name="original"/>, added to the unit of work.</summary>
    public static Shipment Reship(BridgelineDb db, Shipment original, string? serviceLevel, bool noChargeUpgrade, DateTimeOffset now)
    {
        var reference = "RESHIP-" + original.Id.ToString("N")[..12].ToUpperInvariant() + "-" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var shipment = new Shipment
        {
            OrderId = original.OrderId,
            Reference = reference,
            TrackingNumber = reference.Replace("-", "", StringComparison.Ordinal),
            ReferenceKind = ReferenceKind.UnrecognisedReference,
            Carrier = original.Carrier,
            ServiceLevel = serviceLevel ?? original.ServiceLevel,
            ReshipOfId = original.Id,
            Position = (original.Order?.Shipments.Count > 0 ? original.Order.Shipments.Max(s => s.Position) : original.Position) + 1,
            NoChargeUpgrade = noChargeUpgrade,
            CreatedAt = now,
        };
        db.Set<Shipment>().Add(shipment);
        return shipment;
    }

    private void Add(Order order, Actor actor)
    {
        db.Set<Order>().Add(order);
        Auditor.Record(db, actor, order.CreatedAt, "order", order.Id, "created", [
            new FieldChange("number", null, order.Number),
            new FieldChange("shipments", null, string.Join(", ", order.Shipments.Select(s => s.TrackingNumber))),
        ]);
    }

    private async Task SaveAsync(Order order, CancellationToken ct)
    {
        foreach (var shipment in order.Shipments)
        {
            await RecordCarrierEvents.MatchWaitingEventsAsync(db, shipment, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests creating the same order number at once: the unique index lets one win.
            db.ChangeTracker.Clear();
            if (await db.Set<Order>().AsNoTracking().AnyAsync(o => o.Number == order.Number, ct))
            {
                throw new ConflictProblem($"Order {order.Number} already exists.");
            }

            throw;
        }
    }

    private async Task<Order> ReadAsync(CreateOrderRequest request, CancellationToken ct)
    {
        var exists = request.CustomerId is { } id && await db.Customers.AnyAsync(c => c.Id == id, ct);
        var order = Read(request, _ => exists, out var v);
        v.ThrowIfInvalid();
        if (await db.Set<Order>().AnyAsync(o => o.Number == order!.Number, ct))
        {
            throw new ConflictProblem($"Order {order!.Number} already exists.");
        }

        return order!;
    }

    private Order? Read(CreateOrderRequest r, Func<Guid, bool> customerExists, out Validator v)
    {
        v = new Validator();
        var number = v.Required("number", r.Number, 64);
        if (r.CustomerId is null)
        {
            v.Add("customerId", "This field is required.");
        }
        else if (!customerExists(r.CustomerId.Value))
        {
            v.Add("customerId", $"No customer {r.CustomerId}.");
        }

        var status = v.Enum<OrderStatus>("status", r.Status, required: false);
        var total = Currencies.Read(v, "total", r.Total, required: true);
        var now = clock.GetUtcNow();
        var lines = new List<OrderLine>();
        for (var i = 0; i < (r.Lines?.Count ?? 0); i++)
        {
            var l = r.Lines![i];
            var description = v.Required($"lines[{i}].description", l?.Description, 500);
            if (l?.Quantity is not > 0)
            {
                v.Add($"lines[{i}].quantity", "Must be a positive whole number.");
            }

            if (!decimal.TryParse(l?.UnitPrice ?? "0", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
            {
                v.Add($"lines[{i}].unitPrice", "Must be a non-negative decimal such as \"19.99\".");
            }

            if (description is not null)
            {
                lines.Add(new OrderLine(v.Optional($"lines[{i}].sku", l!.Sku, 64), description, l.Quantity ?? 0, price));
            }
        }

        var shipments = new List<Shipment>();
        for (var i = 0; i < (r.Shipments?.Count ?? 0); i++)
        {
            var s = r.Shipments![i];
            var field = $"shipments[{i}]";
            var reference = v.Required(field + ".shippingNumber", s?.ShippingNumber, 100);
            var carrier = v.Enum<Carrier>(field + ".carrier", s?.Carrier, required: false);
            var service = v.Optional(field + ".serviceLevel", s?.ServiceLevel, 32);
            if (reference is null)
            {
                continue;
            }

            var recognised = TrackingNumbers.Recognise(reference);
            if (recognised.Kind == ReferenceKind.NotAReference)
            {
                v.Add(field + ".shippingNumber", recognised.Note!);
                continue;
            }

            if (recognised.IsTrackingNumber && carrier is { } said && said != recognised.Carrier && said != Carrier.Unknown)
            {
                v.Add(field + ".carrier", $"{reference} is a {recognised.Format} number ({Names.Of(recognised.Carrier)}), not {Names.Of(said)}.");
            }

            shipments.Add(new Shipment
            {
                Position = shipments.Count,
                Reference = reference,
                TrackingNumber = recognised.Normalized,
                ReferenceKind = recognised.Kind,
                Carrier = recognised.IsTrackingNumber ? recognised.Carrier : carrier ?? Carrier.Unknown,
                Format = recognised.Format,
                ServiceLevel = service?.ToLowerInvariant(),
                ShippedAt = s!.ShippedAt?.ToUniversalTime(),
                PromisedBy = s.PromisedBy?.ToUniversalTime(),
                CreatedAt = now,
            });
        }

        if (!v.IsValid)
        {
            return null;
        }

        var order = new Order
        {
            Number = number!,
            CustomerId = r.CustomerId!.Value,
            Status = status ?? (shipments.Count > 0 ? OrderStatus.Shipped : OrderStatus.Placed),
            Total = total!.Value.Amount,
            Currency = total.Value.Currency,
            Lines = lines,
            PlacedAt = (r.PlacedAt ?? now).ToUniversalTime(),
            CreatedAt = now,
            Shipments = shipments,
        };
        return order;
    }
}
