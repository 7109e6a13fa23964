namespace Bridgeline.Interactions;

public sealed record AddMessageRequest(string? Direction, string? Channel, string? Body, string? From, DateTimeOffset? OccurredAt);

/// <summary>A note. A wrap-up (kind "wrapup") may come as one text or as its parts: reason, customerWanted, done, next.</summary>
public sealed record AddNoteRequest(string? Kind, string? Text, string? Reason = null, string? CustomerWanted = null, string? Done = null, string? Next = null);

public sealed record LogCallRequest(
    string? Direction,
    string? From,
    string? To,
    string? Agent,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    bool? Dropped,
    string? Notes);
