using Bridgeline.Actions;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Approvals;

public sealed record DecisionRequest(string? Decision, string? Reason);

public enum ApprovalDecisionKind
{
    Approve,
    Deny,
}

/// <summary>
/// Approving or denying an approval request in one step. The first decision wins: the state moves from pending with a
/// conditional UPDATE inside the transaction that also executes the action, so two deciders at once cannot both act;
/// the second is told (409) what the first decided. A decision on a closed case still records, and the requester is told.
/// </summary>
public sealed class DecideApproval(BridgelineDb db, TimeProvider clock, ActionAuthority authority, RecordResolutionAction actions)
{
    public async Task<ApprovalRequest> DecideAsync(Guid id, DecisionRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var decision = v.Enum<ApprovalDecisionKind>("decision", request.Decision, required: true);
        var reason = decision == ApprovalDecisionKind.Deny ? v.Required("reason", request.Reason, 2000) : v.Optional("reason", request.Reason, 2000);
        v.ThrowIfInvalid();

        var approval = await db.Set<ApprovalRequest>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundProblem($"Approval request {id}");
        if (approval.State != ApprovalState.Pending)
        {
            throw AlreadyDecided(approval);
        }

        var action = await db.Set<ResolutionAction>().AsNoTracking().FirstAsync(a => a.Id == approval.ActionId, ct);
        if (approval.RequestedById is not null && approval.RequestedById == actor.UserId)
        {
            throw new ForbiddenProblem("You cannot decide your own request: someone with the authority must.");
        }

        if (approval.AssigneeId != actor.UserId && !await authority.CoversAsync(actor.UserId, actor.Role, action, ct))
        {
            throw new ForbiddenProblem($"This {Names.Label(action.Kind).ToLowerInvariant()} of {Money.Of(action.Amount ?? 0, action.Currency ?? "").Amount} {action.Currency} is above your authority.");
        }

        var now = clock.GetUtcNow();
        var state = decision == ApprovalDecisionKind.Approve ? ApprovalState.Approved : ApprovalState.Denied;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Set<ApprovalRequest>()
            .Where(a => a.Id == id && a.State == ApprovalState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.State, state)
                .SetProperty(a => a.DecidedById, actor.UserId)
                .SetProperty(a => a.DecidedByName, actor.Name)
                .SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.DecisionReason, reason), ct);
        if (won == 0)
        {
            await transaction.RollbackAsync(ct);
            var winner = await db.Set<ApprovalRequest>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
            throw AlreadyDecided(winner);
        }

        var tracked = await db.Set<ResolutionAction>().FirstAsync(a => a.Id == approval.ActionId, ct);
        var @case = await db.Cases.FirstAsync(c => c.Id == approval.CaseId, ct);
        if (state == ApprovalState.Approved)
        {
            await actions.ExecuteApprovedAsync(tracked, actor, now, ct);
        }
        else
        {
            tracked.Status = ActionStatus.Denied;
        }

        var what = $"{Names.Label(tracked.Kind)} of {Money.Of(tracked.Amount ?? 0, tracked.Currency ?? "").Amount} {tracked.Currency} on {tracked.Target}";
        var closed = !CaseTransitions.IsOpen(@case.Status);
        var verdict = state == ApprovalState.Approved ? "approved" : "denied";
        var body = $"{what}, asked by {approval.RequestedByName} at {approval.CreatedAt:yyyy-MM-dd HH:mm} UTC, {verdict} by {actor.Name}"
                   + (reason is null ? "" : $": {reason.TrimEnd('.')}")
                   + (state == ApprovalState.Approved ? $". Done ({tracked.ExecutionReference})." : ".")
                   + (closed ? $" Decided after the case was {Names.Label(@case.Status).ToLowerInvariant()}." : "");
        CaseActivity.AddEvent(db, @case, actor, now, "approval_" + verdict, body);
        Auditor.Record(db, actor, now, "case", @case.Id, "approval_" + verdict, [
            new FieldChange("approval", "pending", verdict),
            new FieldChange("action", Names.Of(ActionStatus.PendingApproval), Names.Of(tracked.Status)),
        ], reason);
        if (approval.RequestedById is { } requester)
        {
            db.Add(Notification.For(requester, NotificationKind.ApprovalDecided, @case,
                $"{@case.DisplayNumber}: your {what} was {verdict} by {actor.Name}" + (reason is null ? "." : $": {reason.TrimEnd('.')}.") + (closed ? " The case is already closed." : ""), now));
        }

        @case.LastActivityAt = now;
        @case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await db.Set<ApprovalRequest>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
    }

    private static ConflictProblem AlreadyDecided(ApprovalRequest winner) => new(
        $"Already {Names.Of(winner.State)} by {winner.DecidedByName} at {winner.DecidedAt:yyyy-MM-dd HH:mm:ss} UTC.",
        new Dictionary<string, object?>
        {
            ["decision"] = winner.State == ApprovalState.Approved ? "approve" : "deny",
            ["state"] = Names.Of(winner.State),
            ["decidedBy"] = winner.DecidedByName,
            ["decidedAt"] = winner.DecidedAt,
            ["reason"] = winner.DecisionReason,
        });
}
