using System.Security.Claims;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Bridgeline.Sla;

public sealed record SlaTargetRequest(string? Priority, string? Channel, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes);

public sealed record SlaPolicyRequest(
    string? Name,
    string? Team,
    string? TimeZone,
    List<string>? WorkDays,
    string? OpensAt,
    string? ClosesAt,
    List<string>? Holidays,
    int? WarnPercent,
    List<SlaTargetRequest>? Targets,
    List<string>? PausedStatuses = null);

public sealed record SlaTargetDto(CasePriority? Priority, Channel? Channel, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes);

public sealed record SlaPolicyDto(Guid Id, string Name, string? Team, bool IsDefault, string TimeZone, IReadOnlyList<string> WorkDays, string OpensAt, string ClosesAt, IReadOnlyList<string> Holidays, int WarnPercent, IReadOnlyList<SlaTargetDto> Targets, IReadOnlyList<string> PausedStatuses);

public sealed record SlaClockDto(
    SlaClockKind Kind,
    SlaClockState State,
    int TargetMinutes,
    DateTimeOffset? StartedAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset? BreachAt,
    int RemainingMinutes,
    bool Breached,
    DateTimeOffset? WarnedAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? StoppedAt);

public sealed record NotificationDto(Guid Id, NotificationKind Kind, string? CaseNumber, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record CountDto(int Count);

public static class SlaEndpoints
{
    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/sla-policies").WithTags("SLA");
        policies.MapGet("/", ListPolicies).RequireAuthorization(Policies.Staff).WithSummary("SLA policies: targets per priority and channel on a business calendar.");
        policies.MapPost("/", CreatePolicy).RequireAuthorization(Policies.Admin).WithIdempotency()
            .WithSummary("Create an SLA policy for a team, or the default policy (no team). Times are business minutes.");
        policies.MapPut("/{id:guid}", ReplacePolicy).RequireAuthorization(Policies.Admin)
            .WithSummary("Replace a policy. Running clocks take the new targets at their case's next change.");

        app.MapGet("/api/cases/{number}/sla", CaseClocks).WithTags("SLA").RequireAuthorization(Policies.Staff)
            .WithSummary("The case's SLA clocks: target, state (running, paused, stopped), warn and breach instants, business minutes left.");

        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        notifications.MapGet("/", ListNotifications).WithSummary("The caller's notifications, newest first (unread=true for unread only).");
        notifications.MapGet("/count", UnreadCount).WithSummary("How many unread notifications the caller has (the header's count).");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark a notification read.");
        return app;
    }

    private static async Task<List<SlaPolicyDto>> ListPolicies(BridgelineDb db, CancellationToken ct)
    {
        var rows = await db.Set<SlaPolicy>().AsNoTracking().Include(p => p.Targets).OrderBy(p => p.Name).ToListAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(p => ToDto(p, teams)).ToList();
    }

    private static async Task<Created<SlaPolicyDto>> CreatePolicy(SlaPolicyRequest request, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var policy = new SlaPolicy { Name = "" };
        await ApplyAsync(db, policy, request, ct);
        var now = clock.GetUtcNow();
        policy.CreatedAt = policy.UpdatedAt = now;
        db.Add(policy);
        Auditor.Record(db, Actor.From(user), now, "sla_policy", policy.Id, "created", [new FieldChange("name", null, policy.Name)]);
        await db.SaveChangesAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return TypedResults.Created($"/api/sla-policies/{policy.Id}", ToDto(policy, teams));
    }

    private static async Task<SlaPolicyDto> ReplacePolicy(Guid id, SlaPolicyRequest request, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var policy = await db.Set<SlaPolicy>().Include(p => p.Targets).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundProblem($"SLA policy {id}");
        var before = System.Text.Json.JsonSerializer.Serialize(ToDto(policy, []));
        await ApplyAsync(db, policy, request, ct);
        var now = clock.GetUtcNow();
        policy.UpdatedAt = now;
        Auditor.Record(db, Actor.From(user), now, "sla_policy", policy.Id, "replaced", [new FieldChange("policy", before, System.Text.Json.JsonSerializer.Serialize(ToDto(policy, [])))]);
        await db.SaveChangesAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return ToDto(policy, teams);
    }

    private static async Task ApplyAsync(BridgelineDb db, SlaPolicy policy, SlaPolicyRequest r, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required("name", r.Name, 200);
        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(r.Team) && (teamId = await Staff.ResolveTeamIdAsync(db, r.Team, ct)) is null)
        {
            v.Add("team", $"No team '{r.Team}'.");
        }

        var zone = string.IsNullOrWhiteSpace(r.TimeZone) ? "UTC" : r.TimeZone.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            v.Add("timeZone", $"'{zone}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York).");
        }

        var days = r.WorkDays ?? ["mon", "tue", "wed", "thu", "fri"];
        if (days.Count == 0 || days.Any(d => !SlaPolicy.DayNames.ContainsKey(d ?? "")))
        {
            v.Add("workDays", "One or more of: mon, tue, wed, thu, fri, sat, sun.");
        }

        var timePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
        var opens = r.OpensAt ?? "09:00";
        var closes = r.ClosesAt ?? "17:00";
        if (!timePattern.Parse(opens).Success)
        {
            v.Add("opensAt", "A time as HH:mm.");
        }

        if (!timePattern.Parse(closes).Success)
        {
            v.Add("closesAt", "A time as HH:mm (00:00 with opensAt 00:00 means round the clock).");
        }

        var holidays = r.Holidays ?? [];
        for (var i = 0; i < holidays.Count; i++)
        {
            if (!LocalDatePattern.Iso.Parse(holidays[i] ?? "").Success)
            {
                v.Add($"holidays[{i}]", "A date as yyyy-MM-dd.");
            }
        }

        var paused = r.PausedStatuses ?? ["pending_customer"];
        for (var i = 0; i < paused.Count; i++)
        {
            if (!Names.TryParse<CaseStatus>(paused[i], out var st) || st is not (CaseStatus.PendingCustomer or CaseStatus.PendingInternal))
            {
                v.Add($"pausedStatuses[{i}]", "One of: pending_customer, pending_internal.");
            }
        }

        if (r.WarnPercent is < 1 or > 99)
        {
            v.Add("warnPercent", "Between 1 and 99.");
        }

        var targets = new List<SlaTarget>();
        var requested = r.Targets ?? [];
        if (requested.Count == 0)
        {
            v.Add("targets", "At least one target: {\"priority\":null,\"channel\":null,\"firstResponseMinutes\":240,\"resolutionMinutes\":960}.");
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var t = requested[i];
            var priority = v.Enum<CasePriority>($"targets[{i}].priority", t.Priority, required: false);
            var channel = v.Enum<Channel>($"targets[{i}].channel", t.Channel, required: false);
            foreach (var (field, value) in new[] { ("firstResponseMinutes", t.FirstResponseMinutes), ("nextResponseMinutes", t.NextResponseMinutes), ("resolutionMinutes", t.ResolutionMinutes) })
            {
                if (value is < 1 or > 525_600)
                {
                    v.Add($"targets[{i}].{field}", "Between 1 and 525600 business minutes.");
                }
            }

            targets.Add(new SlaTarget { Priority = priority, Channel = channel, FirstResponseMinutes = t.FirstResponseMinutes, NextResponseMinutes = t.NextResponseMinutes, ResolutionMinutes = t.ResolutionMinutes });
        }

        if (teamId is null && await db.Set<SlaPolicy>().AnyAsync(p => p.IsDefault && p.Id != policy.Id, ct))
        {
            v.Add("team", "A default policy exists already; name a team, or change the default policy.");
        }
        else if (teamId is not null && await db.Set<SlaPolicy>().AnyAsync(p => p.TeamId == teamId && p.Id != policy.Id, ct))
        {
            v.Add("team", "That team has a policy already; change it instead.");
        }

        v.ThrowIfInvalid();
        policy.Name = name!;
        policy.TeamId = teamId;
        policy.IsDefault = teamId is null;
        policy.TimeZone = zone;
        policy.WorkDays = string.Join(",", days.Select(d => d.ToLowerInvariant()));
        policy.OpensAt = opens;
        policy.ClosesAt = closes;
        policy.Holidays = string.Join(",", holidays);
        policy.WarnPercent = r.WarnPercent ?? 75;
        policy.PausedStatuses = string.Join(",", paused.Select(p => Names.TryParse<CaseStatus>(p, out var st) ? Names.Of(st) : p).Append("pending_customer").Distinct(StringComparer.Ordinal));
        db.RemoveRange(policy.Targets);
        policy.Targets = targets;
    }

    private static SlaPolicyDto ToDto(SlaPolicy p, Dictionary<Guid, string> teams) => new(
        p.Id,
        p.Name,
        p.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
        p.IsDefault,
        p.TimeZone,
        p.WorkDays.Split(',', StringSplitOptions.RemoveEmptyEntries),
        p.OpensAt,
        p.ClosesAt,
        p.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries),
        p.WarnPercent,
        p.Targets.Select(x => new SlaTargetDto(x.Priority, x.Channel, x.FirstResponseMinutes, x.NextResponseMinutes, x.ResolutionMinutes)).ToList(),
        p.PausedStatuses.Split(',', StringSplitOptions.RemoveEmptyEntries));

    private static async Task<List<SlaClockDto>> CaseClocks(string number, BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await SlaQueries.ForCaseAsync(db, @case, clock.GetUtcNow(), ct);
    }

    private static async Task<List<NotificationDto>> ListNotifications(BridgelineDb db, ClaimsPrincipal user, bool? unread, int? limit, CancellationToken ct)
    {
        var me = Actor.From(user).UserId;
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientId == me);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(limit ?? 50, 1, 200)).ToListAsync(ct);
        return rows.Select(n => new NotificationDto(n.Id, n.Kind, n.CaseNumber is { } c ? Case.FormatNumber(c) : null, n.Text, n.CreatedAt, n.ReadAt)).ToList();
    }

    private static async Task<CountDto> UnreadCount(BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = Actor.From(user).UserId;
        return new CountDto(await db.Set<Notification>().CountAsync(n => n.RecipientId == me && n.ReadAt == null, ct));
    }

    private static async Task<NoContent> MarkRead(Guid id, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = Actor.From(user).UserId;
        var n = await db.Set<Notification>().FirstOrDefaultAsync(x => x.Id == id && x.RecipientId == me, ct) ?? throw new NotFoundProblem($"Notification {id}");
        n.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

public static class SlaQueries
{
    public static async Task<List<SlaClockDto>> ForCaseAsync(BridgelineDb db, Case @case, DateTimeOffset now, CancellationToken ct)
    {
        var clocks = await db.Set<SlaClock>().AsNoTracking().Where(c => c.CaseId == @case.Id).ToListAsync(ct);
        if (clocks.Count == 0)
        {
            return [];
        }

        var policies = new Dictionary<Guid, BusinessCalendar>();
        foreach (var id in clocks.Where(c => c.PolicyId is not null).Select(c => c.PolicyId!.Value).Distinct())
        {
            if (await db.Set<SlaPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p)
            {
                policies[id] = p.ToCalendar();
            }
        }

        return clocks.OrderBy(c => c.Kind).Select(c =>
        {
            var calendar = c.PolicyId is { } pid && policies.TryGetValue(pid, out var cal) ? cal : BusinessCalendar.AlwaysOpen();
            var remaining = (int)Math.Floor(c.Remaining(calendar, now).TotalMinutes);
            return new SlaClockDto(c.Kind, c.State, c.TargetMinutes, c.StartedAt, c.WarnAt, c.BreachAt, remaining, c.IsBreached(now) || remaining < 0 && c.State != SlaClockState.Idle, c.WarnedAt, c.BreachedAt, c.StoppedAt);
        }).ToList();
    }
}
