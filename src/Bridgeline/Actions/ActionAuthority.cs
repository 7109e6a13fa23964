using Bridgeline.Approvals;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Actions;

public enum ActionDecisionKind
{
    ExecuteNow,
    NeedsApproval,
    Refuse,
}

public sealed record ActionDecision(ActionDecisionKind Kind, string? Reason)
{
    public static ActionDecision ExecuteNow { get; } = new(ActionDecisionKind.ExecuteNow, null);
}

/// <summary>Who an approval request goes to, and how they were found.</summary>
public sealed record ApprovalRoute(Guid? UserId, string? Name, string? Via);

/// <summary>
/// The one place that decides whether an actor may carry out a resolution action at once, or whether it
/// must wait for someone with more authority. Every caller (API, case page, automation) goes through
/// <see cref="RecordResolutionAction"/>, which asks this. Limits are rows of <see cref="AuthorityLimit"/>:
/// a person's own override for the kind and currency wins over their role's.
/// </summary>
public sealed class ActionAuthority(BridgelineDb db)
{
    public async Task<ActionDecision> DecideAsync(ResolutionAction proposed, Actor actor, CancellationToken ct)
    {
        if (!AuthorityLimit.MoneyKinds.Contains(proposed.Kind) || proposed.Amount is not { } amount || proposed.Currency is not { } currency)
        {
            return ActionDecision.ExecuteNow;
        }

        var limit = await LimitForAsync(actor.UserId, actor.Role, proposed.Kind, currency, ct);
        if (limit is null)
        {
            return new ActionDecision(ActionDecisionKind.NeedsApproval, $"{actor.Name} has no authority for a {Names.Label(proposed.Kind).ToLowerInvariant()} in {currency}");
        }

        return limit.MaxAmount is not { } max || amount <= max
            ? ActionDecision.ExecuteNow
            : new ActionDecision(ActionDecisionKind.NeedsApproval, $"above {actor.Name}'s limit of {Money.Of(max, currency).Amount} {currency} for a {Names.Label(proposed.Kind).ToLowerInvariant()}");
    }

    /// <summary>Whether this person may do (or approve) the action without asking anyone.</summary>
    public async Task<bool> CoversAsync(Guid? userId, string role, ResolutionAction action, CancellationToken ct)
    {
        if (!AuthorityLimit.MoneyKinds.Contains(action.Kind) || action.Amount is not { } amount || action.Currency is not { } currency)
        {
            return true;
        }

        var limit = await LimitForAsync(userId, role, action.Kind, currency, ct);
        return limit is not null && (limit.MaxAmount is not { } max || amount <= max);
    }

    public async Task<AuthorityLimit?> LimitForAsync(Guid? userId, string role, ActionKind kind, string currency, CancellationToken ct)
    {
        var rows = await db.Set<AuthorityLimit>().AsNoTracking()
            .Where(l => l.Kind == kind && l.Currency == currency && ((userId != null && l.UserId == userId) || (l.UserId == null && l.Role == role)))
            .ToListAsync(ct);
        return rows.FirstOrDefault(l => l.UserId is not null) ?? rows.FirstOrDefault();
    }

    /// <summary>
    /// The person an approval goes to: the first level of the case's team chain whose on-duty person has the authority;
    /// else a supervisor of the team, a manager, an admin who has it; else nobody in particular.
    /// </summary>
    public async Task<ApprovalRoute> RouteAsync(ResolutionAction action, Case @case, Guid? requesterId, DateTimeOffset now, CancellationToken ct)
    {
        var roles = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Name, u.Role, u.TeamId }).ToListAsync(ct);
        if (@case.TeamId is { } team)
        {
            var chain = await db.Set<EscalationChain>().AsNoTracking().Include(c => c.Levels).ThenInclude(l => l.Rota)
                .AsSplitQuery().FirstOrDefaultAsync(c => c.TeamId == team, ct);
            foreach (var level in chain?.Levels.OrderBy(l => l.Level) ?? Enumerable.Empty<EscalationLevel>())
            {
                var onDuty = level.OnDutyAt(now);
                var person = roles.FirstOrDefault(u => u.Id == onDuty);
                if (person is not null && person.Id != requesterId && await CoversAsync(person.Id, person.Role, action, ct))
                {
                    return new ApprovalRoute(person.Id, person.Name, $"{level.Name}, on duty");
                }
            }
        }

        var candidates = roles
            .Where(u => u.Id != requesterId)
            .Select(u => new { u.Id, u.Name, u.Role, Rank = u.Role == Roles.Supervisor && u.TeamId == @case.TeamId ? 0 : u.Role == Roles.Supervisor ? 3 : u.Role == Roles.Manager ? 1 : u.Role == Roles.Admin ? 2 : 9 })
            .Where(u => u.Rank < 3)
            .OrderBy(u => u.Rank).ThenBy(u => u.Name, StringComparer.Ordinal);
        foreach (var person in candidates)
        {
            if (await CoversAsync(person.Id, person.Role, action, ct))
            {
                return new ApprovalRoute(person.Id, person.Name, person.Rank == 0 ? "a supervisor of the case's team" : $"the next level with the authority ({person.Role})");
            }
        }

        return new ApprovalRoute(null, null, null);
    }
}
