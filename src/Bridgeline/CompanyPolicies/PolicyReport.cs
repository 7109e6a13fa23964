using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.CompanyPolicies;

public sealed record PolicyOutcomesDto(int Refused, int Escalated, int ExceptionGranted, int Upheld);

public sealed record PolicyRankDto(string Code, string Name, bool Registered, string? Owner, int CustomersBlocked, int Blocks, IReadOnlyList<Money> AtStake, PolicyOutcomesDto Outcomes);

public sealed record PolicyReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PolicyRankDto> Policies);

public sealed record PolicyCaseDto(
    string CaseNumber,
    string Subject,
    CaseStatus Status,
    Guid CustomerId,
    string CustomerName,
    PolicyBlockOutcome Outcome,
    Money? AtStake,
    string? Harm,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>
/// Policies ranked by the customers they blocked, the money at stake and how the blocks ended, so a bad policy shows up
/// as a number. Counts recorded blocks and also "policy blocked" escalations raised straight from the case (naming a
/// policy code) that no block records; a code not in the registry still shows, marked unregistered.
/// </summary>
public static class PolicyReport
{
    private sealed record Item(string Code, Guid CaseId, Guid CustomerId, PolicyBlockOutcome Outcome, decimal? Amount, string? Currency, string? Harm, string By, DateTimeOffset At);

    public static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        var end = to ?? now;
        var start = from ?? end.AddDays(-90);
        if (start > end)
        {
            throw ValidationFailed.For("from", "from must be before to.");
        }

        return (start, end);
    }

    public static async Task<PolicyReportDto> RankAsync(BridgelineDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var items = await ItemsAsync(db, from, to, null, ct);
        var policies = await db.Set<Policy>().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var ranked = items.GroupBy(i => i.Code).Select(g =>
            {
                policies.TryGetValue(g.Key, out var p);
                var stake = g.Where(i => i.Amount is not null).GroupBy(i => i.Currency!)
                    .OrderByDescending(c => c.Sum(i => i.Amount!.Value)).Select(c => Money.Of(c.Sum(i => i.Amount!.Value), c.Key)).ToList();
                return new
                {
                    Total = g.Sum(i => i.Amount ?? 0),
                    Dto = new PolicyRankDto(
                        g.Key,
                        p?.Name ?? g.Key,
                        p is not null,
                        p?.Owner,
                        g.Select(i => i.CustomerId).Distinct().Count(),
                        g.Count(),
                        stake,
                        new PolicyOutcomesDto(
                            g.Count(i => i.Outcome == PolicyBlockOutcome.Refused),
                            g.Count(i => i.Outcome == PolicyBlockOutcome.Escalated),
                            g.Count(i => i.Outcome == PolicyBlockOutcome.ExceptionGranted),
                            g.Count(i => i.Outcome == PolicyBlockOutcome.Upheld))),
                };
            })
            .OrderByDescending(x => x.Dto.CustomersBlocked).ThenByDescending(x => x.Total).ThenByDescending(x => x.Dto.Blocks).ThenBy(x => x.Dto.Code, StringComparer.Ordinal)
            .Select(x => x.Dto).ToList();
        return new PolicyReportDto(from, to, ranked);
    }

    /// <summary>The drill-down: every case a policy blocked in the window, newest first.</summary>
    public static async Task<List<PolicyCaseDto>> CasesAsync(BridgelineDb db, string code, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var items = await ItemsAsync(db, from, to, code.Trim().ToLowerInvariant(), ct);
        var caseIds = items.Select(i => i.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Join(db.Customers, c => c.CustomerId, u => u.Id, (c, u) => new { c.Id, c.Number, c.Subject, c.Status, c.CustomerId, u.Name })
            .ToDictionaryAsync(c => c.Id, ct);
        return items.OrderByDescending(i => i.At).Select(i =>
        {
            var c = cases[i.CaseId];
            return new PolicyCaseDto(Case.FormatNumber(c.Number), c.Subject, c.Status, c.CustomerId, c.Name, i.Outcome,
                i.Amount is { } a ? Money.Of(a, i.Currency!) : null, i.Harm, i.By, i.At);
        }).ToList();
    }

    private static async Task<List<Item>> ItemsAsync(BridgelineDb db, DateTimeOffset from, DateTimeOffset to, string? code, CancellationToken ct)
    {
        var blocks = db.Set<PolicyBlock>().AsNoTracking().Where(b => b.RecordedAt >= from && b.RecordedAt <= to)
            .Join(db.Set<Policy>(), b => b.PolicyId, p => p.Id, (b, p) => new { b, p.Code });
        if (code is not null)
        {
            blocks = blocks.Where(x => x.Code == code);
        }

        var items = (await blocks.ToListAsync(ct))
            .Select(x => new Item(x.Code, x.b.CaseId, x.b.CustomerId, x.b.Outcome, x.b.AtStakeAmount, x.b.AtStakeCurrency, x.b.Harm, x.b.RecordedByName, x.b.RecordedAt))
            .ToList();

        var escalations = db.Set<Escalation>().AsNoTracking()
            .Where(e => e.Reason == EscalationReason.PolicyBlocked && e.PolicyCode != null && e.RaisedAt >= from && e.RaisedAt <= to)
            .Where(e => !db.Set<PolicyBlock>().Any(b => b.EscalationId == e.Id))
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e, c.CustomerId });
        if (code is not null)
        {
            escalations = escalations.Where(x => x.e.PolicyCode == code);
        }

        items.AddRange((await escalations.ToListAsync(ct)).Select(x => new Item(
            x.e.PolicyCode!.ToLowerInvariant(), x.e.CaseId, x.CustomerId, PolicyBlockOutcome.Escalated, x.e.AtStakeAmount, x.e.AtStakeCurrency, x.e.Harm, x.e.RaisedByName, x.e.RaisedAt)));
        return items;
    }
}
