using System.Globalization;
using System.Security.Claims;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Bridgeline.Sla;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Escalations;

public sealed record RotaEntryRequest(string? User, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record EscalationLevelRequest(string? Name, string? User, List<RotaEntryRequest>? Rota, int? AcknowledgeWithinMinutes, int? AnswerWithinHours);

public sealed record EscalationChainRequest(string? Team, string? Name, List<EscalationLevelRequest>? Levels);

public sealed record EscalationLevelDto(int Level, string Name, NamedRef? User, int RotaEntries, int AcknowledgeWithinMinutes, int AnswerWithinHours);

public sealed record EscalationChainDto(Guid Id, string Team, string Name, IReadOnlyList<EscalationLevelDto> Levels);

public sealed record MoneyDto(string Amount, string Currency);

public sealed record EscalationDto(
    Guid Id,
    string CaseNumber,
    int Level,
    string LevelName,
    NamedRef Assignee,
    EscalationReason Reason,
    string? ReasonText,
    string? PolicyCode,
    MoneyDto? AtStake,
    string? Harm,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    DateTimeOffset AcknowledgeDueAt,
    DateTimeOffset AnswerDueAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? AnsweredAt,
    string? Answer,
    EscalationState State,
    string CustomerText);

public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalationEndpoints(this IEndpointRouteBuilder app)
    {
        var chains = app.MapGroup("/api/escalation-chains").WithTags("Escalations");
        chains.MapGet("/", ListChains).RequireAuthorization(Policies.Staff).WithSummary("Each team's escalation chain, level by level.");
        chains.MapPost("/", SetChain).RequireAuthorization(Policies.Admin)
            .WithSummary("Set a team's chain (replaces any existing one). Each level names a person (user) or an on-duty rota, with acknowledge and answer times.");

        app.MapPost("/api/cases/{number}/escalations", Escalate).WithTags("Escalations").WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Escalate the case to the next level of its team's chain. reason: policy_blocked | technical | complaint | customer_asked | other (+ reasonText); atStake {amount,currency}; harm; policyCode.");
        app.MapGet("/api/cases/{number}/escalations", CaseEscalations).WithTags("Escalations").RequireAuthorization(Policies.Staff)
            .WithSummary("The case's escalations, newest first, with the customer-facing text.");

        var escalations = app.MapGroup("/api/escalations").WithTags("Escalations").RequireAuthorization(Policies.Staff);
        escalations.MapGet("/", Assigned).WithSummary("Escalated to me (or to assignee=<id|email>): open and acknowledged ones, oldest due first.");
        escalations.MapGet("/count", AssignedCount).WithSummary("How many escalations wait on the caller (the header's count).");
        escalations.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("The person it landed on takes it: it stops climbing.");
        escalations.MapPost("/{id:guid}/answer", Answer).WithSummary("Answer the escalation; the answer goes on the case timeline.");
        return app;
    }

    private static async Task<List<EscalationChainDto>> ListChains(BridgelineDb db, CancellationToken ct)
    {
        var chains = await db.Set<EscalationChain>().AsNoTracking().Include(c => c.Levels).ThenInclude(l => l.Rota).AsSplitQuery().ToListAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return chains.OrderBy(c => teams.GetValueOrDefault(c.TeamId), StringComparer.Ordinal).Select(c => ToDto(c, teams, users)).ToList();
    }

    private static async Task<Created<EscalationChainDto>> SetChain(EscalationChainRequest request, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var v = new Validator();
        Guid? teamId = null;
        if (string.IsNullOrWhiteSpace(request.Team))
        {
            v.Add("team", "This field is required.");
        }
        else if ((teamId = await Staff.ResolveTeamIdAsync(db, request.Team, ct)) is null)
        {
            v.Add("team", $"No team '{request.Team}'.");
        }

        var name = v.Optional("name", request.Name, 200) ?? request.Team?.Trim() ?? "";
        var levels = new List<EscalationLevel>();
        var requested = request.Levels ?? [];
        if (requested.Count == 0)
        {
            v.Add("levels", "At least one level above the case owner.");
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var l = requested[i];
            var levelName = v.Required($"levels[{i}].name", l.Name, 200);
            var level = new EscalationLevel { Name = levelName ?? "", Level = i + 1, AcknowledgeWithinMinutes = l.AcknowledgeWithinMinutes ?? 60, AnswerWithinHours = l.AnswerWithinHours ?? 48 };
            if (l.AcknowledgeWithinMinutes is < 1 or > 10080)
            {
                v.Add($"levels[{i}].acknowledgeWithinMinutes", "Between 1 and 10080.");
            }

            if (l.AnswerWithinHours is < 1 or > 2160)
            {
                v.Add($"levels[{i}].answerWithinHours", "Between 1 and 2160.");
            }

            if (!string.IsNullOrWhiteSpace(l.User) && (level.UserId = await Staff.ResolveUserIdAsync(db, l.User, actor, ct)) is null)
            {
                v.Add($"levels[{i}].user", $"No staff user '{l.User}'.");
            }

            var rota = l.Rota ?? [];
            for (var j = 0; j < rota.Count; j++)
            {
                var r = rota[j];
                var entry = new RotaEntry { StartsAt = r.StartsAt ?? default, EndsAt = r.EndsAt ?? default };
                if (string.IsNullOrWhiteSpace(r.User) || await Staff.ResolveUserIdAsync(db, r.User, actor, ct) is not { } uid)
                {
                    v.Add($"levels[{i}].rota[{j}].user", $"No staff user '{r.User}'.");
                }
                else
                {
                    entry.UserId = uid;
                }

                if (r.StartsAt is null || r.EndsAt is null || r.EndsAt <= r.StartsAt)
                {
                    v.Add($"levels[{i}].rota[{j}]", "startsAt and endsAt are required, and endsAt must be after startsAt.");
                }

                level.Rota.Add(entry);
            }

            if (level.UserId is null && rota.Count == 0)
            {
                v.Add($"levels[{i}]", "Name a person (user) or an on-duty rota.");
            }

            levels.Add(level);
        }

        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var existing = await db.Set<EscalationChain>().Include(c => c.Levels).FirstOrDefaultAsync(c => c.TeamId == teamId, ct);
        if (existing is not null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(ct);
        }

        var chain = new EscalationChain { TeamId = teamId!.Value, Name = name, Levels = levels, CreatedAt = now };
        db.Add(chain);
        Auditor.Record(db, actor, now, "escalation_chain", chain.Id, existing is null ? "created" : "replaced",
            [new FieldChange("levels", null, string.Join(" → ", levels.Select(l => l.Name)))]);
        await db.SaveChangesAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Created($"/api/escalation-chains/{chain.Id}", ToDto(chain, teams, users));
    }

    private static async Task<Created<EscalationDto>> Escalate(string number, EscalateRequest request, EscalationOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var escalation = await operations.EscalateAsync(number, request, Actor.From(user), ct);
        var dto = (await EscalationQueries.ListAsync(db, e => e.Id == escalation.Id, ct)).Single();
        return TypedResults.Created($"/api/cases/{dto.CaseNumber}/escalations#{dto.Id}", dto);
    }

    private static async Task<List<EscalationDto>> CaseEscalations(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await EscalationQueries.ListAsync(db, e => e.CaseId == @case.Id, ct);
    }

    private static async Task<List<EscalationDto>> Assigned(BridgelineDb db, ClaimsPrincipal user, string? assignee, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var id = string.IsNullOrWhiteSpace(assignee) ? actor.UserId : await Staff.ResolveUserIdAsync(db, assignee, actor, ct);
        var list = await EscalationQueries.ListAsync(db, e => e.AssigneeId == id && e.State != EscalationState.Answered, ct);
        return list.OrderBy(e => e.State == EscalationState.Open ? e.AcknowledgeDueAt : e.AnswerDueAt).ToList();
    }

    private static async Task<CountDto> AssignedCount(BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = Actor.From(user).UserId;
        return new CountDto(await db.Set<Escalation>().CountAsync(e => e.AssigneeId == me && e.State != EscalationState.Answered, ct));
    }

    private static async Task<EscalationDto> Acknowledge(Guid id, EscalationOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.AcknowledgeAsync(id, Actor.From(user), ct);
        return (await EscalationQueries.ListAsync(db, e => e.Id == id, ct)).Single();
    }

    private static async Task<EscalationDto> Answer(Guid id, AnswerEscalationRequest request, EscalationOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.AnswerAsync(id, request, Actor.From(user), ct);
        return (await EscalationQueries.ListAsync(db, e => e.Id == id, ct)).Single();
    }

    private static EscalationChainDto ToDto(EscalationChain c, Dictionary<Guid, string> teams, Dictionary<Guid, string> users) => new(
        c.Id,
        teams.GetValueOrDefault(c.TeamId) ?? "",
        c.Name,
        c.Levels.OrderBy(l => l.Level).Select(l => new EscalationLevelDto(l.Level, l.Name, l.UserId is { } u ? new NamedRef(u, users.GetValueOrDefault(u) ?? "") : null, l.Rota.Count, l.AcknowledgeWithinMinutes, l.AnswerWithinHours)).ToList());
}

public static class EscalationQueries
{
    public static async Task<List<EscalationDto>> ListAsync(BridgelineDb db, System.Linq.Expressions.Expression<Func<Escalation, bool>> filter, CancellationToken ct)
    {
        var rows = await db.Set<Escalation>().AsNoTracking().Where(filter)
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e, c.Number, c.TeamId })
            .Join(db.Users, x => x.e.AssigneeId, u => u.Id, (x, u) => new { x.e, x.Number, x.TeamId, AssigneeName = u.Name })
            .OrderByDescending(x => x.e.RaisedAt).Take(500).ToListAsync(ct);
        var zones = new Dictionary<Guid, NodaTime.DateTimeZone>();
        var result = new List<EscalationDto>();
        foreach (var x in rows)
        {
            var zone = await ZoneAsync(db, x.TeamId, zones, ct);
            var e = x.e;
            result.Add(new EscalationDto(
                e.Id,
                Case.FormatNumber(x.Number),
                e.Level,
                e.LevelName,
                new NamedRef(e.AssigneeId, x.AssigneeName),
                e.Reason,
                e.ReasonText,
                e.PolicyCode,
                e.AtStakeAmount is { } a ? new MoneyDto(a.ToString("0.00", CultureInfo.InvariantCulture), e.AtStakeCurrency ?? "") : null,
                e.Harm,
                e.RaisedByName,
                e.RaisedAt,
                e.AcknowledgeDueAt,
                e.AnswerDueAt,
                e.AcknowledgedAt,
                e.AnsweredAt,
                e.Answer,
                e.State,
                EscalationText.CustomerNotice(e.LevelName, e.RaisedAt, e.AnswerDueAt, zone)));
        }

        return result;
    }

    /// <summary>What the customer may be told about the case's latest escalation, or null when there is none.</summary>
    public static async Task<string?> CustomerNoticeAsync(BridgelineDb db, Guid caseId, Guid? teamId, CancellationToken ct)
    {
        var latest = await db.Set<Escalation>().AsNoTracking().Where(e => e.CaseId == caseId).OrderByDescending(e => e.RaisedAt)
            .Select(e => new { e.LevelName, e.RaisedAt, e.AnswerDueAt, e.State, e.AnsweredAt }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return null;
        }

        var zone = await ZoneAsync(db, teamId, [], ct);
        return latest.State == EscalationState.Answered
            ? $"Escalated to {latest.LevelName} on {EscalationText.Date(latest.RaisedAt, zone)}, answered on {EscalationText.Date(latest.AnsweredAt!.Value, zone)}."
            : EscalationText.CustomerNotice(latest.LevelName, latest.RaisedAt, latest.AnswerDueAt, zone);
    }

    private static async Task<NodaTime.DateTimeZone> ZoneAsync(BridgelineDb db, Guid? teamId, Dictionary<Guid, NodaTime.DateTimeZone> cache, CancellationToken ct)
    {
        var key = teamId ?? Guid.Empty;
        if (!cache.TryGetValue(key, out var zone))
        {
            cache[key] = zone = (await SlaClocks.PolicyForAsync(db, teamId, ct))?.ToCalendar().Zone ?? NodaTime.DateTimeZone.Utc;
        }

        return zone;
    }
}
