namespace Bridgeline.Orders;

/// <summary>The "Bridgeline:Tracking" configuration section: anomaly thresholds, business calendar, article links.</summary>
public sealed class TrackingOptions
{
    public const string Section = "Bridgeline:Tracking";

    /// <summary>IANA zone whose calendar business days are counted in.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Holidays as ISO dates (2026-12-25); no business day is counted on them.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Label created and no acceptance scan after this many business days: the carrier never received the parcel.</summary>
    public int NeverReceivedAfterBusinessDays { get; set; } = 3;

    /// <summary>In transit with no new scan for this many business days.</summary>
    public int StuckInTransitAfterBusinessDays { get; set; } = 4;

    /// <summary>
    /// A link per anomaly type (carrier_never_received, stuck_in_transit, …) that replaces the knowledge base's own: by
    /// default none, and the agent is sent to the article tagged with that anomaly, at /knowledge/{slug}.
    /// </summary>
    public Dictionary<string, string> Articles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The team carrier follow-ups are assigned to.</summary>
    public string FollowUpTeam { get; set; } = "Carrier Follow-up";
}
