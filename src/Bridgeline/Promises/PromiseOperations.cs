using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Promises;

public sealed record MakePromiseRequest(string? Kind, string? Text, DateTimeOffset? DueAt, string? Owner, int? RemindMinutesBefore);

public sealed record CancelPromiseRequest(string? Reason);

/// <summary>Making, keeping and cancelling promises; the worker reminds and breaks them.</summary>
public sealed class PromiseOperations(BridgelineDb db, TimeProvider clock)
{
    public const int DefaultRemindMinutesBefore = 15;

    public async Task<Promise> MakeAsync(string caseNumber, MakePromiseRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var kind = v.Enum<PromiseKind>("kind", request.Kind, required: true);
        var text = v.Optional("text", request.Text, 1000);
        var now = clock.GetUtcNow();
        if (request.DueAt is null)
        {
            v.Add("dueAt", "This field is required: when the promise falls due, with its offset (\"2026-05-18T17:00:00+02:00\").");
        }
        else if (request.DueAt <= now)
        {
            v.Add("dueAt", "A promise must fall due in the future.");
        }

        if (request.RemindMinutesBefore is < 0 or > 7 * 24 * 60)
        {
            v.Add("remindMinutesBefore", "Between 0 and 10080 minutes.");
        }

        Guid? ownerId = actor.UserId;
        if (!string.IsNullOrWhiteSpace(request.Owner) && (ownerId = await Staff.ResolveUserIdAsync(db, request.Owner, actor, ct)) is null)
        {
            v.Add("owner", $"No staff user '{request.Owner}'.");
        }
        else if (ownerId is null)
        {
            v.Add("owner", "Name the staff member who keeps the promise (an id, an email, or \"me\" with a staff key).");
        }

        v.ThrowIfInvalid();

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => new { u.Name, u.TeamId }).FirstAsync(ct);
        var due = request.DueAt!.Value.ToUniversalTime();
        var remindAt = due.AddMinutes(-(request.RemindMinutesBefore ?? DefaultRemindMinutesBefore));
        var promise = new Promise
        {
            CaseId = @case.Id,
            OwnerId = ownerId!.Value,
            TeamId = owner.TeamId ?? @case.TeamId,
            Kind = kind!.Value,
            Text = text ?? Names.Label(kind.Value),
            MadeAt = now,
            DueAt = due,
            RemindAt = remindAt < now ? now : remindAt,
            DueStage = PromiseDueStage.Remind,
        };
        promise.NextDueAt = promise.RemindAt;
        db.Add(promise);
        var zone = await new EscalationOperations(db, clock).ZoneForAsync(@case.TeamId, ct);
        CaseActivity.AddEvent(db, @case, actor, now, "promise_made", $"Promise ({Names.Label(promise.Kind)}): {promise.Text}, by {EscalationText.Time(due, zone)}, owner {owner.Name}");
        Auditor.Record(db, actor, now, "promise", promise.Id, "made", [
            new FieldChange("kind", null, Names.Of(promise.Kind)),
            new FieldChange("dueAt", null, due.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new FieldChange("owner", null, owner.Name),
        ]);
        await db.SaveChangesAsync(ct);
        return promise;
    }

    public async Task<Promise> KeepAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var (promise, @case) = await LoadAsync(id, ct);
        if (promise.State == PromiseState.Kept)
        {
            return promise;
        }

        if (promise.State != PromiseState.Open)
        {
            throw new ConflictProblem($"This promise is already {Names.Of(promise.State)}.", new Dictionary<string, object?> { ["state"] = Names.Of(promise.State) });
        }

        var now = clock.GetUtcNow();
        promise.State = PromiseState.Kept;
        promise.KeptAt = now;
        promise.NextDueAt = null;
        promise.DueStage = PromiseDueStage.None;
        promise.Version++;
        CaseActivity.AddEvent(db, @case, actor, now, "promise_kept", $"Promise kept: {promise.Text}");
        Auditor.Record(db, actor, now, "promise", promise.Id, "kept", [new FieldChange("state", "open", "kept")]);
        await SaveAsync(ct);
        return promise;
    }

    public async Task<Promise> CancelAsync(Guid id, CancelPromiseRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required("reason", request.Reason, 1000);
        v.ThrowIfInvalid();
        var (promise, @case) = await LoadAsync(id, ct);
        if (promise.State != PromiseState.Open)
        {
            throw new ConflictProblem($"This promise is already {Names.Of(promise.State)}.", new Dictionary<string, object?> { ["state"] = Names.Of(promise.State) });
        }

        var now = clock.GetUtcNow();
        promise.State = PromiseState.Cancelled;
        promise.CancelledAt = now;
        promise.CancelReason = reason;
        promise.NextDueAt = null;
        promise.DueStage = PromiseDueStage.None;
        promise.Version++;
        CaseActivity.AddEvent(db, @case, actor, now, "promise_cancelled", $"Promise cancelled: {promise.Text} ({reason})");
        Auditor.Record(db, actor, now, "promise", promise.Id, "cancelled", [new FieldChange("state", "open", "cancelled")], reason);
        await SaveAsync(ct);
        return promise;
    }

    /// <summary>Who hears about a broken promise or a team's troubles: the team's first escalation level, else its supervisors.</summary>
    public static async Task<List<Guid>> SupervisorsOfAsync(BridgelineDb db, Guid? teamId, DateTimeOffset now, CancellationToken ct)
    {
        if (teamId is null)
        {
            return [];
        }

        var chain = await db.Set<EscalationChain>().AsNoTracking().Include(c => c.Levels).ThenInclude(l => l.Rota)
            .FirstOrDefaultAsync(c => c.TeamId == teamId, ct);
        if (chain?.Levels.OrderBy(l => l.Level).FirstOrDefault()?.OnDutyAt(now) is { } first)
        {
            return [first];
        }

        return await db.Users.Where(u => u.TeamId == teamId && u.Role == Roles.Supervisor).Select(u => u.Id).ToListAsync(ct);
    }

    private async Task<(Promise, Case)> LoadAsync(Guid id, CancellationToken ct)
    {
        var promise = await db.Set<Promise>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundProblem($"Promise {id}");
        var @case = await db.Cases.FirstAsync(c => c.Id == promise.CaseId, ct);
        return (promise, @case);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictProblem("The promise changed (it may have just fallen due) while this was applied. Reload and try again.");
        }
    }
}
