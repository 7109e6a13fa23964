using Bridgeline.Infrastructure;
using Bridgeline.Orders.Tracking;

namespace Bridgeline.Orders;

public sealed record OrderLineRequest(string? Sku, string? Description, int? Quantity, string? UnitPrice);

public sealed record ShipmentRequest(string? ShippingNumber, string? Carrier, string? ServiceLevel, DateTimeOffset? ShippedAt, DateTimeOffset? PromisedBy);

public sealed record CreateOrderRequest(
    string? Number,
    Guid? CustomerId,
    DateTimeOffset? PlacedAt,
    MoneyRequest? Total,
    string? Status,
    List<OrderLineRequest>? Lines,
    List<ShipmentRequest>? Shipments);

public sealed record BulkOrdersRequest(List<CreateOrderRequest>? Orders);

public sealed record BulkError(int Index, string? Number, IDictionary<string, string[]> Errors);

public sealed record BulkOrdersResult(int Received, IReadOnlyList<string> Created, IReadOnlyList<BulkError> Errors);

public sealed record AttachOrderRequest(string? OrderNumber);

public sealed record RecognitionDto(ReferenceKind Kind, Carrier Carrier, string? Format, string? Note);

public sealed record ShipmentDto(
    Guid Id,
    string OrderNumber,
    string Reference,
    string TrackingNumber,
    RecognitionDto Recognised,
    string? ServiceLevel,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? PromisedBy,
    TrackingStatus Status,
    TrackingEventDto? LastEvent,
    Guid? ReshipOf,
    bool NoChargeUpgrade,
    IReadOnlyList<AnomalyDto> Anomalies);

public sealed record OrderDto(
    Guid Id,
    string Number,
    Guid CustomerId,
    OrderStatus Status,
    Money Total,
    DateTimeOffset PlacedAt,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<ShipmentDto> Shipments,
    IReadOnlyList<AnomalyDto> Anomalies);

public sealed record FollowUpRequest(Guid? ShipmentId, string? Note);

public sealed record FollowUpDto(Guid Id, string CaseNumber, Guid ShipmentId, string TrackingNumber, string Team, string Note, FollowUpStatus Status, string CreatedBy, DateTimeOffset CreatedAt, string Visibility);

public sealed record UnmatchedEventDto(string TrackingNumber, RecognitionDto Recognised, string Code, string Description, DateTimeOffset OccurredAt, TrackingStatus Status);
