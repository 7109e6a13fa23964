namespace Bridgeline.Tests.Orders;

// The order API's shapes as an integrator reads them.
public sealed record MoneyJson(string Amount, string Currency);

public sealed record RecognisedJson(string Kind, string Carrier, string? Format, string? Note);

public sealed record EventJson(string Code, string Description, string? Location, DateTimeOffset OccurredAt, string Status);

public sealed record EvidenceJson(EventJson? LastEvent, int AgeDays, int AgeBusinessDays);

public sealed record SuggestedJson(string Kind, string Label, string? ServiceLevel, bool NoChargeUpgrade);

public sealed record AnomalyJson(string Type, string Title, string Explanation, EvidenceJson Evidence, string? ArticleUrl, List<SuggestedJson> SuggestedActions);

public sealed record ShipmentJson(Guid Id, string OrderNumber, string Reference, string TrackingNumber, RecognisedJson Recognised, string? ServiceLevel, string Status, EventJson? LastEvent, Guid? ReshipOf, bool NoChargeUpgrade, List<AnomalyJson> Anomalies);

public sealed record OrderJson(Guid Id, string Number, Guid CustomerId, string Status, MoneyJson Total, List<ShipmentJson> Shipments, List<AnomalyJson> Anomalies);

public sealed record EventsResultJson(int Received, int Stored, int Duplicates, int Matched, int Unmatched, List<EventErrorJson> Errors);

public sealed record EventErrorJson(int Index, Dictionary<string, string[]> Errors);

public sealed record BulkJson(int Received, List<string> Created, List<BulkErrorJson> Errors);

public sealed record BulkErrorJson(int Index, string? Number, Dictionary<string, string[]> Errors);

public sealed record FollowUpJson(Guid Id, string CaseNumber, Guid ShipmentId, string TrackingNumber, string Team, string Note, string Status, string Visibility);

public sealed record ActionJson(Guid Id, string Kind, string Status, MoneyJson? Amount, ActionTargetJson Target, string? ServiceLevel, Guid? PartOf, string? ExecutionReference, string RequestedBy, List<ActionJson> Related);

public sealed record ActionTargetJson(string Type, string Ref);
