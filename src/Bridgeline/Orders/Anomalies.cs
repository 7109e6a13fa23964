using Bridgeline.Infrastructure;

namespace Bridgeline.Orders;

public enum AnomalyType
{
    CarrierNeverReceived,
    StuckInTransit,
    DeliveryException,
    DeliveredNotReceived,
    LateAgainstPromise,
}

public sealed record TrackingEventDto(string Code, string Description, string? Location, DateTimeOffset OccurredAt, TrackingStatus Status);

/// <summary>What supports an anomaly: the carrier's last word and how long ago it was said.</summary>
public sealed record AnomalyEvidence(TrackingEventDto? LastEvent, int AgeDays, int AgeBusinessDays, DateTimeOffset? PromisedBy);

public sealed record SuggestedAction(string Kind, string Label, string? ServiceLevel, bool NoChargeUpgrade);

public sealed record AnomalyDto(
    AnomalyType Type,
    string Title,
    string Explanation,
    AnomalyEvidence Evidence,
    string? ArticleUrl,
    IReadOnlyList<SuggestedAction> SuggestedActions);

/// <summary>
/// The rules that name what went wrong with a shipment, from its stored latest status, the clock and
/// the configured business-day thresholds. Evaluated on read: nothing to go stale.
/// </summary>
public static class Anomalies
{
    private static readonly SuggestedAction ReshipExpress = new("reship", "Reship by express at no charge", "express", true);
    private static readonly SuggestedAction Refund = new("refund", "Refund the order", null, false);

    /// <param name="articles">The article link per anomaly code; the configured links when not given.</param>
    public static List<AnomalyDto> For(Shipment s, DateTimeOffset now, TrackingOptions options, BusinessDays calendar, IReadOnlyDictionary<string, string>? articles = null)
    {
        articles ??= options.Articles;
        var found = new List<AnomalyDto>();
        var last = s.LastEventAt is { } at
            ? new TrackingEventDto(s.LastEventCode ?? "", s.LastEventDescription ?? "", s.LastEventLocation, at, s.Status)
            : null;
        var since = s.LastEventAt ?? s.ShippedAt ?? s.CreatedAt;
        var evidence = new AnomalyEvidence(last, Math.Max(0, (int)(now - since).TotalDays), calendar.Between(since, now), s.PromisedBy);

        if (s.Status is TrackingStatus.LabelCreated or TrackingStatus.None && s.ShipmentWasLabelled() && evidence.AgeBusinessDays >= options.NeverReceivedAfterBusinessDays)
        {
            found.Add(Make(AnomalyType.CarrierNeverReceived, "Carrier never received the parcel",
                $"A label was created {Ago(evidence)} but the carrier has not scanned the parcel since (threshold: {options.NeverReceivedAfterBusinessDays} business days). The parcel most likely never left the warehouse.",
                evidence, articles, [ReshipExpress, Refund]));
        }

        if (s.Status is TrackingStatus.AcceptedByCarrier or TrackingStatus.InTransit && evidence.AgeBusinessDays >= options.StuckInTransitAfterBusinessDays)
        {
            found.Add(Make(AnomalyType.StuckInTransit, "Stuck in transit",
                $"No carrier scan for {Ago(evidence)} (threshold: {options.StuckInTransitAfterBusinessDays} business days).",
                evidence, articles, [ReshipExpress, Refund]));
        }

        if (s.Status == TrackingStatus.Exception)
        {
            found.Add(Make(AnomalyType.DeliveryException, "Delivery exception",
                $"The carrier reported a problem {Ago(evidence)}: {s.LastEventDescription}.",
                evidence, articles, [ReshipExpress, Refund]));
        }

        if (s.Status == TrackingStatus.Delivered && s.ReportedNotReceivedAt is not null)
        {
            found.Add(Make(AnomalyType.DeliveredNotReceived, "Delivered but reported not received",
                $"The carrier says delivered {Ago(evidence)}; the customer reports it never arrived.",
                evidence, articles, [ReshipExpress, Refund]));
        }

        if (s.PromisedBy is { } promised && promised < now && s.Status is not (TrackingStatus.Delivered or TrackingStatus.Returned))
        {
            found.Add(Make(AnomalyType.LateAgainstPromise, "Late against the promised date",
                $"Promised by {promised:yyyy-MM-dd}; {calendar.Between(promised, now)} business days late and not delivered.",
                evidence, articles, [ReshipExpress, Refund]));
        }

        return found;
    }

    private static bool ShipmentWasLabelled(this Shipment s) => s.Status == TrackingStatus.LabelCreated || s.ShippedAt is not null;

    private static string Ago(AnomalyEvidence e) => e.AgeDays == 1 ? "1 day ago" : $"{e.AgeDays} days ago ({e.AgeBusinessDays} business days)";

    private static AnomalyDto Make(AnomalyType type, string title, string explanation, AnomalyEvidence evidence, IReadOnlyDictionary<string, string> articles, SuggestedAction[] actions) =>
        new(type, title, explanation, evidence, articles.GetValueOrDefault(Names.Of(type)), actions);
}
