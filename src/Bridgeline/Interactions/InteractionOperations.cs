using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.WrapUps;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Interactions;

/// <summary>Messages, notes and calls added to a case. Each lands on the customer's timeline too.</summary>
public sealed class InteractionOperations(BridgelineDb db, TimeProvider clock, WrapUpGate wrapUps)
{
    public async Task<Interaction> AddMessageAsync(string caseNumber, AddMessageRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var direction = v.Enum<Direction>("direction", request.Direction, required: true);
        var channel = v.Enum<Channel>("channel", request.Channel, required: false);
        var body = v.Required("body", request.Body, 100_000);
        var from = v.Optional("from", request.From, 320);
        v.ThrowIfInvalid();

        return await ConcurrencyRetry.RunAsync(db, async () =>
        {
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var message = NewInteraction(@case, InteractionKind.Message, actor, now, request.OccurredAt);
        message.Direction = direction;
        message.Channel = channel ?? @case.Channel;
        message.Body = body;
        if (direction == Direction.Inbound)
        {
            // An inbound message speaks for the customer, whoever relayed it.
            message.AuthorId = null;
            message.AuthorName = from ?? "Customer";
        }

        CaseActivity.OnMessage(db, @case, message, actor, now);
        db.Interactions.Add(message);
        await Sla.SlaClocks.SyncAsync(db, @case, now, message, ct);
        await db.SaveChangesAsync(ct);
        return message;
        }, ct);
    }

    public async Task<Interaction> AddNoteAsync(string caseNumber, AddNoteRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var kind = v.Enum<NoteKind>("kind", request.Kind ?? "internal", required: true);
        var wrapUp = new WrapUpInput(v.Optional("text", request.Text, 50_000), v.Optional("reason", request.Reason, 100),
            v.Optional("customerWanted", request.CustomerWanted, 10_000), v.Optional("done", request.Done, 10_000), v.Optional("next", request.Next, 10_000));
        var text = kind == NoteKind.Wrapup && wrapUp.IsStructured ? null : v.Required("text", request.Text, 50_000);
        v.ThrowIfInvalid();

        var judged = kind == NoteKind.Wrapup
            ? await wrapUps.JudgeAsync(await CaseQueries.LoadAsync(db, caseNumber, ct), wrapUp, actor, ct)
            : ((string, WrapUpScore)?)null;

        return await ConcurrencyRetry.RunAsync(db, async () =>
        {
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var note = NewInteraction(@case, InteractionKind.Note, actor, now, null);
        note.NoteKind = kind;
        note.Body = judged?.Item1 ?? text;
        if (judged is { } accepted)
        {
            wrapUps.Accepted(@case, actor, wrapUp.Reason ?? @case.ContactReasonCode, accepted.Item2, note.Id);
        }

        @case.LastActivityAt = now;
        @case.UpdatedAt = now;
        db.Interactions.Add(note);
        await db.SaveChangesAsync(ct);
        return note;
        }, ct);
    }

    public async Task<Interaction> LogCallAsync(string caseNumber, LogCallRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var direction = v.Enum<Direction>("direction", request.Direction, required: true);
        var from = v.Optional("from", request.From, 40);
        var to = v.Optional("to", request.To, 40);
        var notes = v.Optional("notes", request.Notes, 50_000);
        if (request.StartedAt is null)
        {
            v.Add("startedAt", "This field is required: when the call started, with its offset.");
        }

        if (request.StartedAt is { } s && request.EndedAt is { } e && e < s)
        {
            v.Add("endedAt", "The call cannot end before it started.");
        }

        v.ThrowIfInvalid();

        var agent = await ResolveAgentAsync(request.Agent, actor, ct);
        return await ConcurrencyRetry.RunAsync(db, async () =>
        {
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var call = NewInteraction(@case, InteractionKind.Call, actor, now, request.StartedAt);
        call.Channel = Channel.Phone;
        call.Direction = direction;
        call.CallFrom = from;
        call.CallTo = to;
        call.CallEndedAt = request.EndedAt?.ToUniversalTime();
        call.CallDropped = request.Dropped ?? false;
        call.Body = notes;
        call.AuthorId = agent?.Id ?? actor.UserId;
        call.AuthorName = agent?.Name ?? actor.Name;

        @case.LastActivityAt = Max(@case.LastActivityAt, call.OccurredAt);
        @case.UpdatedAt = now;
        db.Interactions.Add(call);
        await db.SaveChangesAsync(ct);
        return call;
        }, ct);
    }

    private static Interaction NewInteraction(Case @case, InteractionKind kind, Actor actor, DateTimeOffset now, DateTimeOffset? occurredAt) => new()
    {
        CustomerId = @case.CustomerId,
        CaseId = @case.Id,
        Kind = kind,
        AuthorId = actor.UserId,
        AuthorName = actor.Name,
        OccurredAt = (occurredAt ?? now).ToUniversalTime(),
        RecordedAt = now,
    };

    private async Task<StaffUser?> ResolveAgentAsync(string? agent, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            return null;
        }

        var text = agent.Trim();
        var found = Guid.TryParse(text, out var id)
            ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct)
            : await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == text.ToUpperInvariant(), ct);
        return found ?? throw ValidationFailed.For("agent", $"No staff user '{text}' (give a user id or email).");
    }


    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
