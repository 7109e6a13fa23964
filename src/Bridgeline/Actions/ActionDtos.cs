using Bridgeline.Infrastructure;

namespace Bridgeline.Actions;

/// <summary>
/// A resolution action on a case. <c>target</c> is an order number, a shipment id or an account charge id
/// (<c>targetType</c> order | shipment | charge, inferred from the kind when left out).
/// </summary>
public sealed record CreateActionRequest(
    string? Kind,
    MoneyRequest? Amount,
    string? Target,
    string? TargetType,
    string? ServiceLevel,
    bool? NoChargeUpgrade,
    string? Reason);

public sealed record ActionTargetDto(ActionTargetType Type, string Ref);

public sealed record ActionDto(
    Guid Id,
    string CaseNumber,
    ActionKind Kind,
    ActionStatus Status,
    Money? Amount,
    ActionTargetDto Target,
    string? ServiceLevel,
    string? Reason,
    Guid? PartOf,
    string? ExecutionReference,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExecutedAt,
    IReadOnlyList<ActionDto> Related);
