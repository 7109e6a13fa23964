using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Sla;

/// <summary>
/// Keeps a case's clocks in step with what happened to it. Called before the case's change is saved,
/// so the clocks commit with it: a staff reply stops first and next response, a customer message
/// starts next response, pending the customer pauses resolution, resolved stops it, reopening resumes it,
/// and a new priority or team re-targets the running clocks.
/// </summary>
public static class SlaClocks
{
    public static async Task SyncAsync(BridgelineDb db, Case @case, DateTimeOffset now, Interaction? message, CancellationToken ct)
    {
        var policy = await PolicyForAsync(db, @case.TeamId, ct);
        if (policy is null)
        {
            return;
        }

        var calendar = policy.ToCalendar();
        // A case being opened has no clocks yet: spare the intake path a query.
        var clocks = db.Entry(@case).State == EntityState.Added
            ? []
            : await db.Set<SlaClock>().Where(c => c.CaseId == @case.Id).ToListAsync(ct);
        Dictionary<Guid, BusinessCalendar> oldCalendars = [];
        foreach (var kind in Enum.GetValues<SlaClockKind>())
        {
            var target = policy.TargetMinutes(kind, @case.Priority, @case.Channel);
            var clock = clocks.FirstOrDefault(c => c.Kind == kind);
            if (target is null)
            {
                continue;
            }

            if (clock is null)
            {
                clock = new SlaClock { CaseId = @case.Id, Kind = kind, PolicyId = policy.Id, TargetMinutes = target.Value, WarnPercent = policy.WarnPercent };
                db.Add(clock);
                clocks.Add(clock);
                if (kind != SlaClockKind.NextResponse)
                {
                    clock.Start(calendar, @case.CreatedAt, target.Value, policy.WarnPercent);
                }

                continue;
            }

            if (clock.PolicyId != policy.Id || clock.TargetMinutes != target || clock.WarnPercent != policy.WarnPercent)
            {
                var old = clock.PolicyId == policy.Id || clock.PolicyId is null ? calendar : await CalendarAsync(db, clock.PolicyId.Value, oldCalendars, ct) ?? calendar;
                clock.ChangePolicy(old, calendar, now, target.Value, policy.WarnPercent);
                clock.PolicyId = policy.Id;
            }
        }

        var first = clocks.FirstOrDefault(c => c.Kind == SlaClockKind.FirstResponse);
        var next = clocks.FirstOrDefault(c => c.Kind == SlaClockKind.NextResponse);
        var resolution = clocks.FirstOrDefault(c => c.Kind == SlaClockKind.Resolution);

        if (message is { Direction: Direction.Outbound, AuthorId: not null })
        {
            Stop(first, calendar, now);
            Stop(next, calendar, now);
        }
        else if (message is { Direction: Direction.Inbound } && next is not null && next.State != SlaClockState.Running
                 && (first is null || first.State == SlaClockState.Stopped))
        {
            next.Start(calendar, now, next.TargetMinutes, next.WarnPercent);
        }

        if (@case.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            Stop(first, calendar, now);
            Stop(next, calendar, now);
            Stop(resolution, calendar, now);
        }
        else if (@case.Status == CaseStatus.PendingCustomer || policy.Pauses(@case.Status))
        {
            Pause(resolution, calendar, now);
            Pause(next, calendar, now);
        }
        else
        {
            resolution?.Resume(calendar, now);
            if (next?.State == SlaClockState.Paused)
            {
                next.Resume(calendar, now);
            }
        }
    }

    public static async Task<SlaPolicy?> PolicyForAsync(BridgelineDb db, Guid? teamId, CancellationToken ct)
    {
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Include(p => p.Targets)
            .Where(p => (teamId != null && p.TeamId == teamId) || p.IsDefault)
            .ToListAsync(ct);
        return policies.FirstOrDefault(p => p.TeamId is not null) ?? policies.FirstOrDefault();
    }

    private static async Task<BusinessCalendar?> CalendarAsync(BridgelineDb db, Guid policyId, Dictionary<Guid, BusinessCalendar> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue(policyId, out var calendar))
        {
            var policy = await db.Set<SlaPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct);
            if (policy is null)
            {
                return null;
            }

            cache[policyId] = calendar = policy.ToCalendar();
        }

        return calendar;
    }

    private static void Stop(SlaClock? clock, BusinessCalendar calendar, DateTimeOffset now)
    {
        if (clock is { State: SlaClockState.Running or SlaClockState.Paused })
        {
            clock.Stop(calendar, now);
        }
    }

    private static void Pause(SlaClock? clock, BusinessCalendar calendar, DateTimeOffset now)
    {
        if (clock is { State: SlaClockState.Running })
        {
            clock.Pause(calendar, now);
        }
    }
}
