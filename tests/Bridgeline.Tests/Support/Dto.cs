using System.Text.Json;

namespace Bridgeline.Tests.Support;

// The API's shapes as an integrator reads them: records of their own, so a renamed field fails a test.
public sealed record CustomerJson(Guid Id, string Name, List<string> Emails, List<string> Phones, List<PhoneJson> PhoneDetails);

public sealed record PhoneJson(string Number, string Raw, bool Verified);

public sealed record CaseJson(Guid Id, string Number, Guid CustomerId, string Subject, string Status, string Priority, string Channel, RefJson? Owner, RefJson? Team, List<string> Tags, List<string> AllowedTransitions);

public sealed record RefJson(Guid Id, string Name);

public sealed record PageJson<T>(List<T> Items, string? NextCursor);

public sealed record TimelineJson(Guid Id, string Kind, string? CaseNumber, string? Channel, string? Direction, string? NoteKind, string? EventType, string? Body, string Author, DateTimeOffset OccurredAt, CallJson? Call);

public sealed record CallJson(string? From, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Dropped, int? DurationSeconds);

public sealed record CaseSummaryJson(string Number, Guid CustomerId, string Subject, string Status, string? Owner, string? Team);

public sealed record AuditJson(DateTimeOffset At, string Actor, string Action, List<ChangeJson> Changes, string? Reason);

public sealed record ChangeJson(string Field, string? Before, string? After);

public static class Problems
{
    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var errors)
            ? errors.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
}
