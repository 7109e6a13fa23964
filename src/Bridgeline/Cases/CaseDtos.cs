namespace Bridgeline.Cases;

public sealed record CreateCaseRequest(
    Guid? CustomerId,
    string? Subject,
    string? Channel,
    string? Body,
    string? Priority,
    string? Team,
    string? Owner,
    string? ContactReason,
    List<string>? Tags);

/// <summary>A change to a case: only the fields present change. <c>owner</c> takes a user id, an email, "me", or null to unassign.</summary>
public sealed record UpdateCaseRequest(
    string? Subject,
    string? Status,
    string? Priority,
    string? Team,
    string? Owner,
    string? ContactReason,
    List<string>? Tags,
    string? Reason);

public sealed record NamedRef(Guid Id, string Name);

public sealed record CaseDto(
    Guid Id,
    string Number,
    Guid CustomerId,
    string CustomerName,
    string Subject,
    CaseStatus Status,
    CasePriority Priority,
    Channel Channel,
    NamedRef? Team,
    NamedRef? Owner,
    string? ContactReason,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CaseStatus> AllowedTransitions,
    string? EscalationNotice = null);

public sealed record CaseSummary(
    string Number,
    Guid CustomerId,
    string CustomerName,
    string Subject,
    CaseStatus Status,
    CasePriority Priority,
    Channel Channel,
    string? Team,
    string? Owner,
    string? ContactReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt);

/// <summary>Filters of the case list. <c>owner</c> takes "me", "none", a user id or an email; <c>team</c> an id or a name.</summary>
public sealed record CaseFilter(
    string? Status = null,
    string? Owner = null,
    string? Team = null,
    string? Priority = null,
    string? Reason = null,
    string? Q = null,
    Guid? CustomerId = null,
    bool OpenOnly = false);
