using Bridgeline.Orders.Tracking;

namespace Bridgeline.Orders;

/// <summary>Maps a carrier's own event code or wording to the normalised status.</summary>
public static class TrackingStatusMap
{
    // Codes whose meaning is fixed per carrier; anything else is read from the description.
    private static readonly Dictionary<(Carrier, string), TrackingStatus> Codes = new()
    {
        [(Carrier.Usps, "GX")] = TrackingStatus.LabelCreated,
        [(Carrier.Usps, "MA")] = TrackingStatus.LabelCreated,
        [(Carrier.Usps, "OA")] = TrackingStatus.AcceptedByCarrier,
        [(Carrier.Usps, "03")] = TrackingStatus.AcceptedByCarrier,
        [(Carrier.Usps, "10")] = TrackingStatus.InTransit,
        [(Carrier.Usps, "OF")] = TrackingStatus.OutForDelivery,
        [(Carrier.Usps, "01")] = TrackingStatus.Delivered,
        [(Carrier.Usps, "09")] = TrackingStatus.Returned,
        [(Carrier.Usps, "53")] = TrackingStatus.Exception,
        [(Carrier.Ups, "M")] = TrackingStatus.LabelCreated,
        [(Carrier.Ups, "P")] = TrackingStatus.AcceptedByCarrier,
        [(Carrier.Ups, "I")] = TrackingStatus.InTransit,
        [(Carrier.Ups, "O")] = TrackingStatus.OutForDelivery,
        [(Carrier.Ups, "D")] = TrackingStatus.Delivered,
        [(Carrier.Ups, "X")] = TrackingStatus.Exception,
        [(Carrier.Ups, "RS")] = TrackingStatus.Returned,
        [(Carrier.Fedex, "OC")] = TrackingStatus.LabelCreated,
        [(Carrier.Fedex, "PU")] = TrackingStatus.AcceptedByCarrier,
        [(Carrier.Fedex, "IT")] = TrackingStatus.InTransit,
        [(Carrier.Fedex, "OD")] = TrackingStatus.OutForDelivery,
        [(Carrier.Fedex, "DL")] = TrackingStatus.Delivered,
        [(Carrier.Fedex, "DE")] = TrackingStatus.Exception,
        [(Carrier.Fedex, "RS")] = TrackingStatus.Returned,
    };

    private static readonly (string Phrase, TrackingStatus Status)[] Phrases =
    [
        ("label created", TrackingStatus.LabelCreated),
        ("awaiting item", TrackingStatus.LabelCreated),
        ("pre-shipment", TrackingStatus.LabelCreated),
        ("shipment information sent", TrackingStatus.LabelCreated),
        ("out for delivery", TrackingStatus.OutForDelivery),
        ("return to sender", TrackingStatus.Returned),
        ("returned", TrackingStatus.Returned),
        ("exception", TrackingStatus.Exception),
        ("undeliverable", TrackingStatus.Exception),
        ("damaged", TrackingStatus.Exception),
        ("refused", TrackingStatus.Exception),
        ("delivery attempted", TrackingStatus.Exception),
        ("delivered", TrackingStatus.Delivered),
        ("accepted", TrackingStatus.AcceptedByCarrier),
        ("acceptance", TrackingStatus.AcceptedByCarrier),
        ("picked up", TrackingStatus.AcceptedByCarrier),
    ];

    public static TrackingStatus Map(Carrier carrier, string code, string description)
    {
        if (Codes.TryGetValue((carrier, code.ToUpperInvariant()), out var byCode))
        {
            return byCode;
        }

        foreach (var (phrase, status) in Phrases)
        {
            if (description.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        return TrackingStatus.InTransit;
    }
}
