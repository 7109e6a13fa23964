using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Interactions;

public sealed record CallDto(string? From, string? To, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Dropped, int? DurationSeconds);

public sealed record TimelineItem(
    Guid Id,
    InteractionKind Kind,
    string? CaseNumber,
    Channel? Channel,
    Direction? Direction,
    NoteKind? NoteKind,
    string? EventType,
    string? Body,
    string Author,
    DateTimeOffset OccurredAt,
    CallDto? Call)
{
    public static TimelineItem From(Interaction i, long? caseNumber) => new(
        i.Id,
        i.Kind,
        caseNumber is { } n ? Case.FormatNumber(n) : null,
        i.Channel,
        i.Direction,
        i.NoteKind,
        i.EventType,
        i.Body,
        i.AuthorName,
        i.OccurredAt,
        i.Kind == InteractionKind.Call
            ? new CallDto(i.CallFrom, i.CallTo, i.OccurredAt, i.CallEndedAt, i.CallDropped ?? false, i.CallEndedAt is { } end ? (int)(end - i.OccurredAt).TotalSeconds : null)
            : null);
}

/// <summary>
/// One continuous timeline per customer across every case and channel, newest first, paged by a
/// (time, id) cursor so that page N costs what page 1 costs.
/// </summary>
public static class Timeline
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static Task<Page<TimelineItem>> ForCustomerAsync(BridgelineDb db, Guid customerId, string? cursor, int? limit, CancellationToken ct) =>
        PageAsync(db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId), cursor, limit, ct);

    public static Task<Page<TimelineItem>> ForCaseAsync(BridgelineDb db, Guid caseId, string? cursor, int? limit, CancellationToken ct) =>
        PageAsync(db.Interactions.AsNoTracking().Where(i => i.CaseId == caseId), cursor, limit, ct);

    public static int ClampLimit(int? limit, int fallback = DefaultPageSize, int max = MaxPageSize) =>
        limit is null ? fallback : Math.Clamp(limit.Value, 1, max);

    private static async Task<Page<TimelineItem>> PageAsync(IQueryable<Interaction> query, string? cursor, int? limit, CancellationToken ct)
    {
        var take = ClampLimit(limit);
        if (Cursor.Decode(cursor) is { } after)
        {
            query = query.Where(i => i.OccurredAt < after.At || (i.OccurredAt == after.At && i.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(take + 1)
            .Select(i => new { Interaction = i, CaseNumber = i.Case != null ? (long?)i.Case.Number : null })
            .ToListAsync(ct);
        var next = rows.Count > take ? new Cursor(rows[take - 1].Interaction.OccurredAt, rows[take - 1].Interaction.Id).Encode() : null;
        return new Page<TimelineItem>(rows.Take(take).Select(r => TimelineItem.From(r.Interaction, r.CaseNumber)).ToList(), next);
    }
}
