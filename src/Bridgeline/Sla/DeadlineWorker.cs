using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Bridgeline.Promises;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Sla;

/// <summary>
/// Acts on every stored deadline that has come due: SLA warnings and breaches, escalations nobody
/// acknowledged, promise reminders and broken promises. Each row is claimed with a conditional UPDATE
/// (its due value must still be what this tick read) inside the transaction that carries the effects,
/// so each deadline acts exactly once across restarts and across server processes on one database:
/// a second process's claim waits on the row lock and then matches nothing.
/// </summary>
public sealed class DeadlineWorker(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DeadlineWorker> log) : BackgroundService
{
    public const string EnabledSetting = "Bridgeline:Workers:Deadlines";
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(EnabledSetting, true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The deadline worker's tick failed; it retries on the next tick.");
            }
        }
    }

    /// <summary>Acts on everything due by now; returns how many deadlines it acted on.</summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        var acted = 0;
        for (var pass = 0; pass < 100; pass++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
            var now = clock.GetUtcNow();
            var found = 0;
            var clocks = await db.Set<SlaClock>().AsNoTracking().Where(c => c.NextDueAt <= now).OrderBy(c => c.NextDueAt)
                .Select(c => new { c.Id, c.NextDueAt, c.DueStage }).Take(Batch).ToListAsync(ct);
            foreach (var c in clocks)
            {
                acted += await ClaimAsync(db, () => db.Set<SlaClock>().Where(x => x.Id == c.Id && x.NextDueAt == c.NextDueAt && x.DueStage == c.DueStage)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, (DateTimeOffset?)null), ct), () => ActOnClockAsync(scope.ServiceProvider, db, c.Id, c.NextDueAt!.Value, now, ct), ct);
            }

            var escalations = await db.Set<Escalation>().AsNoTracking().Where(e => e.NextDueAt <= now).OrderBy(e => e.NextDueAt)
                .Select(e => new { e.Id, e.Version }).Take(Batch).ToListAsync(ct);
            foreach (var e in escalations)
            {
                acted += await ClaimAsync(db, () => db.Set<Escalation>().Where(x => x.Id == e.Id && x.Version == e.Version && x.NextDueAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct), () => ClimbAsync(scope.ServiceProvider, db, e.Id, now, ct), ct);
            }

            var promises = await db.Set<Promise>().AsNoTracking().Where(p => p.NextDueAt <= now).OrderBy(p => p.NextDueAt)
                .Select(p => new { p.Id, p.Version }).Take(Batch).ToListAsync(ct);
            foreach (var p in promises)
            {
                acted += await ClaimAsync(db, () => db.Set<Promise>().Where(x => x.Id == p.Id && x.Version == p.Version && x.NextDueAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct), () => ActOnPromiseAsync(db, p.Id, now, ct), ct);
            }

            found = clocks.Count + escalations.Count + promises.Count;
            if (found == 0)
            {
                break;
            }
        }

        return acted;
    }

    private static async Task<int> ClaimAsync(BridgelineDb db, Func<Task<int>> claim, Func<Task> act, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await claim() != 1)
        {
            await tx.RollbackAsync(ct);
            return 0;
        }

        await act();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return 1;
    }

    private static async Task ActOnClockAsync(IServiceProvider services, BridgelineDb db, Guid id, DateTimeOffset due, DateTimeOffset now, CancellationToken ct)
    {
        var slaClock = await db.Set<SlaClock>().FirstAsync(c => c.Id == id, ct);
        var stage = slaClock.DueStage;
        slaClock.NextDueAt = due;
        slaClock.Advance();
        if (stage == SlaDueStage.Breach)
        {
            // Two clocks of one case may breach at once on two servers: hold the case row so only one escalates.
            await db.Cases.Where(c => c.Id == slaClock.CaseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), ct);
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == slaClock.CaseId, ct);
        if (!CaseTransitions.IsOpen(@case.Status))
        {
            return;
        }

        var what = Names.Label(slaClock.Kind);
        var recipients = @case.OwnerId is { } owner ? [owner] : await PromiseOperations.SupervisorsOfAsync(db, @case.TeamId, now, ct);
        if (stage == SlaDueStage.Warn)
        {
            foreach (var r in recipients)
            {
                db.Add(Notification.For(r, NotificationKind.SlaWarning, @case,
                    $"{@case.DisplayNumber}: {slaClock.WarnPercent}% of the {what.ToLowerInvariant()} target used; it breaches at {slaClock.BreachAt:yyyy-MM-dd HH:mm} UTC.", now));
            }

            return;
        }

        foreach (var r in recipients)
        {
            db.Add(Notification.For(r, NotificationKind.SlaBreached, @case, $"{@case.DisplayNumber}: the {what.ToLowerInvariant()} target is breached.", now));
        }

        CaseActivity.AddEvent(db, @case, Actor.System, now, "sla_breached", $"{what} target breached");
        var open = await db.Set<Escalation>().Where(e => e.CaseId == @case.Id && e.State != EscalationState.Answered).OrderByDescending(e => e.RaisedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            // Already in someone's hands: tell them rather than climb a second time; the acknowledgement timer climbs.
            db.Add(Notification.For(open.AssigneeId, NotificationKind.SlaBreached, @case, $"{@case.DisplayNumber}, escalated to you, has breached its {what.ToLowerInvariant()} target.", now));
            return;
        }

        try
        {
            await services.GetRequiredService<EscalationOperations>().RaiseAsync(@case, EscalationReason.SlaBreached, Actor.System, now, ct);
        }
        catch (BridgelineProblem problem)
        {
            CaseActivity.AddEvent(db, @case, Actor.System, now, "escalation_failed", "Could not escalate on breach: " + problem.Message);
        }
    }

    private static async Task ClimbAsync(IServiceProvider services, BridgelineDb db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var escalation = await db.Set<Escalation>().FirstAsync(e => e.Id == id, ct);
        if (escalation.State != EscalationState.Open)
        {
            escalation.NextDueAt = null;
            return;
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == escalation.CaseId, ct);
        var operations = services.GetRequiredService<EscalationOperations>();
        EscalationChain chain;
        try
        {
            chain = await operations.ChainForAsync(@case, ct);
        }
        catch (BridgelineProblem)
        {
            escalation.NextDueAt = null;
            return;
        }

        var level = escalation.LevelName;
        if (!operations.Climb(escalation, chain, @case, Actor.System, now, $"not acknowledged by {level} in time"))
        {
            db.Add(Notification.For(escalation.AssigneeId, NotificationKind.EscalationClimbed, @case,
                $"{@case.DisplayNumber}: the escalation to you is past its acknowledgement time and there is no level above {level}.", now));
        }
    }

    private static async Task ActOnPromiseAsync(BridgelineDb db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var promise = await db.Set<Promise>().FirstAsync(p => p.Id == id, ct);
        var @case = await db.Cases.FirstAsync(c => c.Id == promise.CaseId, ct);
        if (promise.State != PromiseState.Open)
        {
            promise.NextDueAt = null;
            promise.DueStage = PromiseDueStage.None;
            return;
        }

        if (promise.DueStage == PromiseDueStage.Remind && promise.DueAt > now)
        {
            promise.RemindedAt = now;
            promise.DueStage = PromiseDueStage.Break;
            promise.NextDueAt = promise.DueAt;
            db.Add(Notification.For(promise.OwnerId, NotificationKind.PromiseReminder, @case,
                $"{@case.DisplayNumber}: your promise \"{promise.Text}\" is due at {promise.DueAt:yyyy-MM-dd HH:mm} UTC.", now));
            return;
        }

        promise.State = PromiseState.Broken;
        promise.BrokenAt = promise.DueAt;
        promise.DueStage = PromiseDueStage.None;
        promise.NextDueAt = null;
        var owner = await db.Users.Where(u => u.Id == promise.OwnerId).Select(u => u.Name).FirstAsync(ct);
        CaseActivity.AddEvent(db, @case, Actor.System, now, "promise_broken", $"Promise broken: {promise.Text} (owner {owner})");
        db.Add(Notification.For(promise.OwnerId, NotificationKind.PromiseBroken, @case, $"{@case.DisplayNumber}: your promise \"{promise.Text}\" passed its due time unkept.", now));
        foreach (var supervisor in await PromiseOperations.SupervisorsOfAsync(db, promise.TeamId, now, ct))
        {
            if (supervisor != promise.OwnerId)
            {
                db.Add(Notification.For(supervisor, NotificationKind.PromiseBroken, @case, $"{@case.DisplayNumber}: {owner}'s promise \"{promise.Text}\" was broken.", now));
            }
        }
    }
}
