using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.WrapUps;

public sealed record QualityRow(
    Guid? Id,
    string Name,
    string? Team,
    int Attempts,
    int Refused,
    int FirstTries,
    int RefusedAtFirstTry,
    double RefusedAtFirstTryShare,
    double AverageScore,
    int Contacts,
    int ContactsWithoutWrapUp,
    int Cases,
    int EscalatedCases,
    double EscalationRate,
    IReadOnlyList<string> Anomalies);

public sealed record QualityReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<QualityRow> Agents, IReadOnlyList<QualityRow> Teams);

/// <summary>
/// Note quality per agent and per team over a period: how often the first wrap-up was refused, the
/// average score, calls with no wrap-up, and a flag where a team departs from the floor's norm
/// (S1: thousands of calls and not one escalation).
/// </summary>
public static class QualityReport
{
    /// <summary>A team is compared with the norm only once it has this many cases in the period.</summary>
    public const int MinCasesForAnomaly = 10;

    public static async Task<QualityReportDto> BuildAsync(BridgelineDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var attempts = await db.Set<WrapUpAttempt>().AsNoTracking()
            .Where(a => a.At >= from && a.At < to)
            .Select(a => new { a.AgentId, a.AgentName, a.TeamId, a.CaseId, a.Accepted, a.Score, a.At })
            .ToListAsync(ct);

        var calls = await db.Interactions.AsNoTracking()
            .Where(i => i.Kind == InteractionKind.Call && i.OccurredAt >= from && i.OccurredAt < to && i.CaseId != null)
            .Select(i => new
            {
                i.AuthorId,
                i.AuthorName,
                TeamId = i.Case!.TeamId,
                WrappedUp = db.Interactions.Any(n => n.CaseId == i.CaseId && n.NoteKind == NoteKind.Wrapup && n.AuthorId == i.AuthorId),
            })
            .ToListAsync(ct);

        // Escalation signal: a case raised to urgent, or with an escalation event on its timeline.
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new
            {
                c.TeamId,
                c.OwnerId,
                Escalated = c.Priority == CasePriority.Urgent
                    || db.Interactions.Any(i => i.CaseId == c.Id && i.Kind == InteractionKind.Event && i.EventType != null && i.EventType.StartsWith("escalat")),
            })
            .ToListAsync(ct);

        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Name, u.TeamId }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var userTeam = users.ToDictionary(u => u.Id, u => u.TeamId);

        QualityRow Row(Guid? id, string name, string? team, Func<Guid?, Guid?, bool> attemptOf, Func<Guid?, Guid?, bool> callOf, Func<Guid?, Guid?, bool> caseOf)
        {
            var mine = attempts.Where(a => attemptOf(a.AgentId, a.TeamId)).ToList();
            var firsts = mine.GroupBy(a => (a.AgentId, a.CaseId)).Select(g => g.MinBy(a => a.At)!).ToList();
            var myCalls = calls.Where(c => callOf(c.AuthorId, c.AuthorId is { } u && userTeam.TryGetValue(u, out var t) ? t : c.TeamId)).ToList();
            var myCases = cases.Where(c => caseOf(c.OwnerId, c.TeamId)).ToList();
            var refusedFirst = firsts.Count(a => !a.Accepted);
            var escalated = myCases.Count(c => c.Escalated);
            return new QualityRow(
                id, name, team, mine.Count, mine.Count(a => !a.Accepted), firsts.Count, refusedFirst,
                firsts.Count == 0 ? 0 : Math.Round((double)refusedFirst / firsts.Count, 3),
                mine.Count == 0 ? 0 : Math.Round(mine.Average(a => a.Score), 1),
                myCalls.Count, myCalls.Count(c => !c.WrappedUp),
                myCases.Count, escalated, myCases.Count == 0 ? 0 : Math.Round((double)escalated / myCases.Count, 3),
                []);
        }

        var agentIds = attempts.Select(a => a.AgentId).Concat(calls.Select(c => c.AuthorId)).Where(id => id is not null).Distinct().ToList();
        var agents = agentIds
            .Select(id => users.FirstOrDefault(u => u.Id == id) is { } u
                ? Row(u.Id, u.Name, u.TeamId is { } t && teams.TryGetValue(t, out var tn) ? tn : null, (a, _) => a == u.Id, (a, _) => a == u.Id, (o, _) => o == u.Id)
                : null)
            .OfType<QualityRow>()
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        var teamRows = teams
            .Select(t => Row(t.Key, t.Value, t.Value, (_, team) => team == t.Key, (_, team) => team == t.Key, (_, team) => team == t.Key))
            .Where(r => r.Attempts > 0 || r.Contacts > 0 || r.Cases > 0)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        return new QualityReportDto(from, to, agents, FlagAnomalies(teamRows));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Percent(double share) => Math.Round(share * 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Compares each team with the rest of the floor (itself left out, and the typical team's escalation rate rather
    /// than a pooled one, so one big team cannot set the norm);
    /// kept simple so a manager can check the arithmetic.
    /// </summary>
    public static IReadOnlyList<QualityRow> FlagAnomalies(IReadOnlyList<QualityRow> teams)
    {
        return teams.Select(t =>
        {
            var others = teams.Where(o => !ReferenceEquals(o, t)).ToList();
            var norm = Median(others.Where(o => o.Cases >= MinCasesForAnomaly).Select(o => o.EscalationRate));
            var otherAttempts = others.Sum(o => o.Attempts);
            var normScore = otherAttempts == 0 ? 0 : others.Sum(o => o.AverageScore * o.Attempts) / otherAttempts;
            var otherFirstTries = others.Sum(o => o.FirstTries);
            var normRefused = otherFirstTries == 0 ? 0 : (double)others.Sum(o => o.RefusedAtFirstTry) / otherFirstTries;
            var flags = new List<string>();
            if (t.Cases >= MinCasesForAnomaly)
            {
                if (t.EscalatedCases == 0 && norm > 0)
                {
                    flags.Add($"No escalations in {t.Cases} cases while the floor escalates {Percent(norm)}.");
                }
                else if (norm > 0 && t.EscalationRate > norm * 3)
                {
                    flags.Add($"Escalates {Percent(t.EscalationRate)} of cases, over three times the floor's {Percent(norm)}.");
                }
            }

            if (t.Attempts >= MinCasesForAnomaly && normScore > 0 && t.AverageScore < normScore - 15)
            {
                flags.Add($"Average wrap-up score {Math.Round(t.AverageScore)} against the floor's {Math.Round(normScore)}.");
            }

            if (t.FirstTries >= MinCasesForAnomaly && t.RefusedAtFirstTryShare > normRefused + 0.25)
            {
                flags.Add($"{Percent(t.RefusedAtFirstTryShare)} of first wrap-ups refused against the floor's {Percent(normRefused)}.");
            }

            if (t.Contacts >= MinCasesForAnomaly && t.ContactsWithoutWrapUp * 2 > t.Contacts)
            {
                flags.Add($"{t.ContactsWithoutWrapUp} of {t.Contacts} calls have no wrap-up.");
            }

            return t with { Anomalies = flags };
        }).ToList();
    }
}
