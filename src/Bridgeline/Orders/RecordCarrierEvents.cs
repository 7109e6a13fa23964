using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Orders;

public sealed record CarrierEventRequest(
    string? TrackingNumber,
    string? Carrier,
    string? Code,
    string? Description,
    string? Location,
    DateTimeOffset? OccurredAt,
    string? Status);

public sealed record CarrierEventError(int Index, IDictionary<string, string[]> Errors);

public sealed record CarrierEventsResult(int Received, int Stored, int Duplicates, int Matched, int Unmatched, IReadOnlyList<CarrierEventError> Errors);

/// <summary>
/// Stores carrier events idempotently (one row per tracking number, code and time), matches them to
/// shipments by tracking number, and keeps each shipment's latest status. A batch costs a fixed
/// handful of statements whatever its size: one read of known keys, one of shipments, one insert.
/// </summary>
public sealed class RecordCarrierEvents(BridgelineDb db, TimeProvider clock)
{
    public const int MaxBatch = 5000;

    public async Task<CarrierEventsResult> RecordAsync(IReadOnlyList<CarrierEventRequest?> requests, CancellationToken ct)
    {
        if (requests.Count > MaxBatch)
        {
            throw ValidationFailed.For("events", $"At most {MaxBatch} events per batch.");
        }

        var errors = new List<CarrierEventError>();
        var valid = new List<TrackingEvent>();
        var now = clock.GetUtcNow();
        for (var i = 0; i < requests.Count; i++)
        {
            var (ev, problems) = Read(requests[i], now);
            if (ev is null)
            {
                errors.Add(new CarrierEventError(i, problems!));
            }
            else
            {
                valid.Add(ev);
            }
        }

        // The same event twice in one batch is one event.
        var distinct = valid.DistinctBy(Key).ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (stored, matched) = await StoreAsync(distinct, ct);
                return new CarrierEventsResult(requests.Count, stored, valid.Count - stored, matched, stored - matched, errors);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // A concurrent delivery of the same events won the race; read again and store what is still new.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(int Stored, int Matched)> StoreAsync(List<TrackingEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return (0, 0);
        }

        var numbers = events.Select(e => e.TrackingNumber).Distinct(StringComparer.Ordinal).ToList();
        var minTime = events.Min(e => e.OccurredAt);
        var existing = (await db.Set<TrackingEvent>().AsNoTracking()
                .Where(e => numbers.Contains(e.TrackingNumber) && e.OccurredAt >= minTime)
                .Select(e => new { e.TrackingNumber, e.Code, e.OccurredAt })
                .ToListAsync(ct))
            .Select(e => (e.TrackingNumber, e.Code, e.OccurredAt.ToUniversalTime()))
            .ToHashSet();
        var fresh = events.Where(e => !existing.Contains(Key(e))).ToList();
        if (fresh.Count == 0)
        {
            return (0, 0);
        }

        var shipments = await db.Set<Shipment>()
            .Where(s => numbers.Contains(s.TrackingNumber))
            .ToListAsync(ct);
        var byNumber = shipments.GroupBy(s => s.TrackingNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var matched = 0;
        foreach (var ev in fresh)
        {
            if (byNumber.TryGetValue(ev.TrackingNumber, out var list))
            {
                // One tracking number normally belongs to one shipment; with several, the newest takes the event.
                var shipment = list.MaxBy(s => s.CreatedAt)!;
                ev.ShipmentId = shipment.Id;
                if (ev.Carrier == Carrier.Unknown)
                {
                    ev.Carrier = shipment.Carrier;
                }

                Apply(shipment, ev);
                matched++;
            }
        }

        db.Set<TrackingEvent>().AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return (fresh.Count, matched);
    }

    /// <summary>Moves the shipment's latest-event columns forward when this event is newer.</summary>
    public static void Apply(Shipment shipment, TrackingEvent ev)
    {
        if (shipment.LastEventAt is { } last && last > ev.OccurredAt)
        {
            return;
        }

        shipment.Status = ev.Status;
        shipment.LastEventAt = ev.OccurredAt;
        shipment.LastEventCode = ev.Code;
        shipment.LastEventDescription = ev.Description;
        shipment.LastEventLocation = ev.Location;
    }

    /// <summary>Attaches events that arrived before their shipment, and brings the shipment up to date.</summary>
    public static async Task MatchWaitingEventsAsync(BridgelineDb db, Shipment shipment, CancellationToken ct)
    {
        var waiting = await db.Set<TrackingEvent>()
            .Where(e => e.TrackingNumber == shipment.TrackingNumber && e.ShipmentId == null)
            .ToListAsync(ct);
        foreach (var ev in waiting.OrderBy(e => e.OccurredAt))
        {
            ev.ShipmentId = shipment.Id;
            Apply(shipment, ev);
        }
    }

    private static (string, string, DateTimeOffset) Key(TrackingEvent e) => (e.TrackingNumber, e.Code, e.OccurredAt);

    private static (TrackingEvent? Event, IDictionary<string, string[]>? Errors) Read(CarrierEventRequest? r, DateTimeOffset now)
    {
        var v = new Validator();
        if (r is null)
        {
            v.Add("event", "An event object is required.");
            return (null, Errors(v));
        }

        var number = v.Required("trackingNumber", r.TrackingNumber, 100);
        var code = v.Required("code", r.Code, 32);
        var description = v.Required("description", r.Description, 500);
        var location = v.Optional("location", r.Location, 200);
        var status = v.Enum<TrackingStatus>("status", r.Status, required: false);
        var carrier = v.Enum<Carrier>("carrier", r.Carrier, required: false);
        if (r.OccurredAt is null)
        {
            v.Add("occurredAt", "This field is required: when the carrier recorded the event, with its offset.");
        }
        else if (r.OccurredAt > now.AddDays(1))
        {
            v.Add("occurredAt", "Lies more than a day in the future.");
        }

        var normalized = number is null ? null : TrackingNumbers.Normalize(number);
        if (normalized is { Length: 0 or > 64 })
        {
            v.Add("trackingNumber", "Must be 1 to 64 letters and digits.");
        }

        if (!v.IsValid)
        {
            return (null, Errors(v));
        }

        var recognised = TrackingNumbers.Recognise(normalized);
        var theCarrier = carrier ?? (recognised.IsTrackingNumber ? recognised.Carrier : Carrier.Unknown);
        var occurred = r.OccurredAt!.Value.ToUniversalTime();

        // Stored to the microsecond, as PostgreSQL keeps it, so a repeat compares equal.
        occurred = new DateTimeOffset(occurred.Ticks - (occurred.Ticks % 10), TimeSpan.Zero);
        return (new TrackingEvent
        {
            TrackingNumber = normalized!,
            Carrier = theCarrier,
            Code = code!,
            Description = description!,
            Location = location,
            OccurredAt = occurred,
            Status = status ?? TrackingStatusMap.Map(theCarrier, code!, description!),
            ReceivedAt = now,
        }, null);
    }

    private static IDictionary<string, string[]> Errors(Validator v)
    {
        try
        {
            v.ThrowIfInvalid();
            return new Dictionary<string, string[]>();
        }
        catch (ValidationFailed f)
        {
            return f.Errors;
        }
    }
}
