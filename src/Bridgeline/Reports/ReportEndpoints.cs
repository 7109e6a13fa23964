using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Promises;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Reports;

public sealed record PromiseTally(string Name, string? Team, int Made, int Kept, int Broken, int Open, int Cancelled);

public sealed record PromiseReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PromiseTally> ByAgent, IReadOnlyList<PromiseTally> ByTeam, IReadOnlyList<PromiseDto> Broken);

public sealed record AgingCase(string Number, string Subject, CaseStatus Status, string? Team, string? Reason, string? Owner, DateTimeOffset CreatedAt, int AgeDays);

public sealed record AgingGroup(string? Name, int Count);

public sealed record AgingReport(int Days, int Total, IReadOnlyList<AgingGroup> ByTeam, IReadOnlyList<AgingGroup> ByReason, IReadOnlyList<AgingGroup> ByOwner, IReadOnlyList<AgingCase> Cases);

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Supervisor);
        reports.MapGet("/promises", Promises).WithSummary("Promises made, kept and broken per agent and per team between from and to (default: the last 30 days), with the broken ones.");
        reports.MapGet("/floor", (BridgelineDb db, TimeProvider clock, CancellationToken ct) => FloorReports.BuildAsync(db, clock, ct))
            .WithSummary("The floor now: open cases by team, by reason and by both, and SLA breaches since midnight (in the default SLA policy's time zone) by team.");
        reports.MapGet("/aging", Aging).WithSummary("Cases open longer than days (default 3) by team, reason and owner, oldest first (team filters by name or id).");
        return app;
    }

    public static async Task<PromiseReport> Promises(BridgelineDb db, TimeProvider clock, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        var rows = await db.Set<Promise>().AsNoTracking().Where(p => p.MadeAt >= start && p.MadeAt <= end)
            .GroupBy(p => new { p.OwnerId, p.TeamId, p.State })
            .Select(g => new { g.Key.OwnerId, g.Key.TeamId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        static PromiseTally Tally2(string name, string? team, IEnumerable<(PromiseState State, int Count)> g)
        {
            var list = g.ToList();
            int Of(PromiseState s) => list.Where(x => x.State == s).Sum(x => x.Count);
            return new PromiseTally(name, team, list.Sum(x => x.Count), Of(PromiseState.Kept), Of(PromiseState.Broken), Of(PromiseState.Open), Of(PromiseState.Cancelled));
        }

        var byAgent = rows.GroupBy(r => new { r.OwnerId, r.TeamId })
            .Select(g => Tally2(users.GetValueOrDefault(g.Key.OwnerId) ?? "?", g.Key.TeamId is { } t ? teams.GetValueOrDefault(t) : null, g.Select(x => (x.State, x.Count))))
            .OrderByDescending(t => t.Broken).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var byTeam = rows.GroupBy(r => r.TeamId)
            .Select(g => Tally2(g.Key is { } t ? teams.GetValueOrDefault(t) ?? "?" : "(no team)", null, g.Select(x => (x.State, x.Count))))
            .OrderByDescending(t => t.Broken).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var broken = await PromiseQueries.ListAsync(db, p => p.State == PromiseState.Broken && p.MadeAt >= start && p.MadeAt <= end, ct, 200);
        return new PromiseReport(start, end, byAgent, byTeam, broken.OrderByDescending(b => b.DueAt).ToList());
    }

    public static async Task<AgingReport> Aging(BridgelineDb db, TimeProvider clock, int? days, string? team, CancellationToken ct)
    {
        var v = new Validator();
        if (days is < 0 or > 3650)
        {
            v.Add("days", "Between 0 and 3650.");
        }

        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(team) && (teamId = await Staff.ResolveTeamIdAsync(db, team, ct)) is null)
        {
            v.Add("team", $"No team '{team}'.");
        }

        v.ThrowIfInvalid();
        var n = days ?? 3;
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-n);
        var open = new[] { CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal };
        var query = db.Cases.AsNoTracking().Where(c => open.Contains(c.Status) && c.CreatedAt <= cutoff);
        if (teamId is not null)
        {
            query = query.Where(c => c.TeamId == teamId);
        }

        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var byTeam = (await query.GroupBy(c => c.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new AgingGroup(g.Key is { } t ? teams.GetValueOrDefault(t) : null, g.Count)).OrderByDescending(g => g.Count).ToList();
        var byReason = (await query.GroupBy(c => c.ContactReasonCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new AgingGroup(g.Key, g.Count)).OrderByDescending(g => g.Count).ToList();
        var byOwner = (await query.GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new AgingGroup(g.Key is { } o ? users.GetValueOrDefault(o) : null, g.Count)).OrderByDescending(g => g.Count).ToList();

        // Case numbers grow with creation time, so the number order is the age order and walks an existing index.
        var cases = await query.OrderBy(c => c.Number).Take(500)
            .Select(c => new { c.Number, c.Subject, c.Status, c.TeamId, c.ContactReasonCode, c.OwnerId, c.CreatedAt }).ToListAsync(ct);
        return new AgingReport(
            n,
            byTeam.Sum(g => g.Count),
            byTeam,
            byReason,
            byOwner,
            cases.Select(c => new AgingCase(Case.FormatNumber(c.Number), c.Subject, c.Status, c.TeamId is { } t ? teams.GetValueOrDefault(t) : null, c.ContactReasonCode,
                c.OwnerId is { } o ? users.GetValueOrDefault(o) : null, c.CreatedAt, (int)(now - c.CreatedAt).TotalDays)).ToList());
    }
}
