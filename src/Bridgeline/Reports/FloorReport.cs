using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Bridgeline.Reports;

public sealed record FloorCell(string? Team, string? Reason, int Count);

public sealed record FloorReport(
    DateTimeOffset At,
    string TimeZone,
    int Open,
    IReadOnlyList<AgingGroup> OpenByTeam,
    IReadOnlyList<AgingGroup> OpenByReason,
    IReadOnlyList<FloorCell> OpenByTeamAndReason,
    int BreachesToday,
    IReadOnlyList<AgingGroup> BreachesTodayByTeam);

/// <summary>
/// The manager's view of the floor now: open cases by team and reason, and SLA breaches since midnight in the
/// default SLA policy's time zone. Both read narrow indexes (status, team, reason; breached at), never the cases' rows.
/// </summary>
public static class FloorReports
{
    public static async Task<FloorReport> BuildAsync(BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zoneId = await db.Set<SlaPolicy>().Where(p => p.IsDefault).Select(p => p.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        var midnight = Instant.FromDateTimeOffset(now).InZone(zone).Date.AtStartOfDayInZone(zone).ToDateTimeOffset();

        var cells = await db.Cases.AsNoTracking().Where(c => CaseTransitions.OpenStatuses.Contains(c.Status))
            .GroupBy(c => new { c.TeamId, c.ContactReasonCode })
            .Select(g => new { g.Key.TeamId, g.Key.ContactReasonCode, Count = g.Count() })
            .ToListAsync(ct);
        var breaches = await (from clockRow in db.Set<SlaClock>().AsNoTracking()
                              join c in db.Cases on clockRow.CaseId equals c.Id
                              where clockRow.BreachedAt >= midnight && clockRow.BreachedAt <= now
                              group clockRow by c.TeamId into g
                              select new { TeamId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string? TeamName(Guid? id) => id is { } t ? teams.GetValueOrDefault(t) : null;

        static List<AgingGroup> Ranked(IEnumerable<AgingGroup> groups) =>
            groups.OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();

        return new FloorReport(
            now,
            zone.Id,
            cells.Sum(c => c.Count),
            Ranked(cells.GroupBy(c => c.TeamId).Select(g => new AgingGroup(TeamName(g.Key), g.Sum(x => x.Count)))),
            Ranked(cells.GroupBy(c => c.ContactReasonCode).Select(g => new AgingGroup(g.Key, g.Sum(x => x.Count)))),
            cells.Select(c => new FloorCell(TeamName(c.TeamId), c.ContactReasonCode, c.Count))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Team, StringComparer.Ordinal).ThenBy(c => c.Reason, StringComparer.Ordinal).ToList(),
            breaches.Sum(b => b.Count),
            Ranked(breaches.Select(b => new AgingGroup(TeamName(b.TeamId), b.Count))));
    }
}

/// <summary>The floor report's indexes: open cases counted from the index alone, breaches found by their time.</summary>
internal sealed class FloorReportCaseIndexes : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e) => e.HasIndex(c => new { c.Status, c.TeamId, c.ContactReasonCode });
}

internal sealed class FloorReportClockIndexes : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> e) => e.HasIndex(c => c.BreachedAt);
}
