namespace Bridgeline.Interactions;

public sealed record AddMessageRequest(string? Direction, string? Channel, string? Body, string? From, DateTimeOffset? OccurredAt);

public sealed record AddNoteRequest(string? Kind, string? Text);

public sealed record LogCallRequest(
    string? Direction,
    string? From,
    string? To,
    string? Agent,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    bool? Dropped,
    string? Notes);
