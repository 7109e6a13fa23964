using Bridgeline.Orders;

namespace Bridgeline.Tests.Orders;

public sealed class AnomalyRuleTests
{
    private static readonly TrackingOptions Options = new() { NeverReceivedAfterBusinessDays = 3, StuckInTransitAfterBusinessDays = 4, Holidays = ["2026-05-25"] };
    private static readonly BusinessDays Calendar = BusinessDays.From(Options);

    // Monday 18 May 2026, 14:00 UTC; Memorial Day (25 May) is a configured holiday.
    private static readonly DateTimeOffset Now = new(2026, 5, 18, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("label_created", -7, null, false, "carrier_never_received")]
    [InlineData("in_transit", -8, null, false, "stuck_in_transit")]
    [InlineData("accepted_by_carrier", -6, null, false, "stuck_in_transit")]
    [InlineData("exception", 0, null, false, "delivery_exception")]
    [InlineData("delivered", -1, null, true, "delivered_not_received")]
    [InlineData("in_transit", -1, -2, false, "late_against_promise")]
    public void Rule_NamesTheAnomaly(string status, int lastEventDays, int? promisedDays, bool reportedNotReceived, string expected)
    {
        var shipment = Shipment(status, lastEventDays, promisedDays, reportedNotReceived);

        var found = Anomalies.For(shipment, Now, Options, Calendar);

        Assert.Contains(expected, found.Select(a => Bridgeline.Infrastructure.Names.Of(a.Type)));
        var anomaly = found.First(a => Bridgeline.Infrastructure.Names.Of(a.Type) == expected);
        Assert.Equal(shipment.LastEventDescription, anomaly.Evidence.LastEvent!.Description);
        Assert.NotEmpty(anomaly.SuggestedActions);
    }

    [Theory]
    [InlineData("label_created", -2, null, false)] // Saturday label: only Monday has begun since
    [InlineData("in_transit", -3, null, false)] // Friday scan: one business day
    [InlineData("delivered", -1, null, false)]
    [InlineData("delivered", -1, -5, false)] // delivered late is no longer a live anomaly
    [InlineData("out_for_delivery", 0, 1, false)]
    public void WithinThresholds_NoAnomaly(string status, int lastEventDays, int? promisedDays, bool reportedNotReceived)
    {
        Assert.Empty(Anomalies.For(Shipment(status, lastEventDays, promisedDays, reportedNotReceived), Now, Options, Calendar));
    }

    [Fact]
    public void LabelAcrossTheWeekend_CountsOnlyBusinessDays()
    {
        // Label on Thursday 14 May: Friday and Monday have begun, two business days, under the threshold of three.
        Assert.Empty(Anomalies.For(Shipment("label_created", -4, null, false), Now, Options, Calendar));
        // Label on Wednesday 13 May: Thursday, Friday, Monday: three.
        Assert.Single(Anomalies.For(Shipment("label_created", -5, null, false), Now, Options, Calendar));
    }

    [Fact]
    public void LabelBeforeAHoliday_DoesNotCountTheHoliday()
    {
        // Label Friday 22 May; on Wednesday 27 May, Monday 25 is Memorial Day: Tuesday and Wednesday count, two.
        var wednesday = new DateTimeOffset(2026, 5, 27, 14, 0, 0, TimeSpan.Zero);
        var shipment = Shipment("label_created", 0, null, false);
        shipment.LastEventAt = new DateTimeOffset(2026, 5, 22, 14, 0, 0, TimeSpan.Zero);
        Assert.Empty(Anomalies.For(shipment, wednesday, Options, Calendar));
        Assert.Single(Anomalies.For(shipment, wednesday.AddDays(1), Options, Calendar));
    }

    private static Shipment Shipment(string status, int lastEventDays, int? promisedDays, bool reportedNotReceived)
    {
        Bridgeline.Infrastructure.Names.TryParse<TrackingStatus>(status, out var s);
        return new Shipment
        {
            Reference = "X",
            TrackingNumber = "X",
            Status = s,
            LastEventAt = Now.AddDays(lastEventDays),
            LastEventCode = "C",
            LastEventDescription = "Carrier said " + status,
            ShippedAt = Now.AddDays(lastEventDays),
            PromisedBy = promisedDays is { } p ? Now.AddDays(p) : null,
            ReportedNotReceivedAt = reportedNotReceived ? Now : null,
            CreatedAt = Now.AddDays(-10),
        };
    }
}
