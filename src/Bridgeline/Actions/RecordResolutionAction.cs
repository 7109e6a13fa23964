using System.Globalization;
using Bridgeline.Accounts;
using Bridgeline.Approvals;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Actions;

/// <summary>
/// The one way a resolution action is done for a customer: validate it, ask <see cref="ActionAuthority"/>
/// whether it may execute now, execute it through the <see cref="IActionConnector"/>, and record it on the
/// case's timeline and in the audit, all in one unit of work.
/// </summary>
public sealed class RecordResolutionAction(BridgelineDb db, TimeProvider clock, ActionAuthority authority, IActionConnector connector)
{
    private static readonly ActionKind[] MoneyKinds = [ActionKind.Refund, ActionKind.PartialRefund, ActionKind.Credit, ActionKind.FeeReversal];

    public async Task<ResolutionAction> RecordAsync(string caseNumber, CreateActionRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var kind = v.Enum<ActionKind>("kind", request.Kind, required: true);
        var targetType = v.Enum<ActionTargetType>("targetType", request.TargetType, required: false);
        var target = v.Required("target", request.Target, 100);
        var money = Currencies.Read(v, "amount", request.Amount, required: false);
        var serviceLevel = v.Optional("serviceLevel", request.ServiceLevel, 32)?.ToLowerInvariant();
        var reason = v.Optional("reason", request.Reason, 2000);
        v.ThrowIfInvalid();

        var k = kind!.Value;
        var type = targetType ?? k switch
        {
            ActionKind.FeeReversal => ActionTargetType.Charge,
            ActionKind.Reship or ActionKind.Replacement or ActionKind.ShippingUpgradeNoCharge => ActionTargetType.Shipment,
            _ => ActionTargetType.Order,
        };

        // Money moved against an order or a charge is checked against what earlier actions took: one request at a time
        // per target, so two refunds at once cannot together exceed what was paid.
        await using var transaction = MoneyKinds.Contains(k) && type is ActionTargetType.Order or ActionTargetType.Charge && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        if (transaction is not null && db is PostgresBridgelineDb)
        {
            var key = "action-target:" + target;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);
        }

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var (order, shipment) = await ResolveTargetAsync(v, @case, type, target!, ct);
        var charge = type == ActionTargetType.Charge ? await ResolveChargeAsync(v, @case, target!, ct) : null;
        var left = await LeftToReturnAsync(k, order, charge, ct);

        if (k == ActionKind.FeeReversal && money is null && charge is not null)
        {
            // Reversing a fee without naming an amount reverses what is left of it.
            money = (left ?? charge.Charge.Amount, charge.Charge.Currency);
        }

        if (k is ActionKind.PartialRefund or ActionKind.Credit or ActionKind.FeeReversal && money is null)
        {
            v.Add("amount", "This field is required for a " + Names.Of(k) + ".");
        }

        if (k == ActionKind.Refund && money is null && order is null)
        {
            v.Add("amount", "Give an amount, or target an order to refund its total.");
        }

        if (money is { } m && order is not null && !string.Equals(m.Currency, order.Currency, StringComparison.Ordinal))
        {
            v.Add("amount.currency", $"Order {order.Number} is in {order.Currency}.");
        }

        if (money is { } m2 && order is not null && k is ActionKind.Refund or ActionKind.PartialRefund && m2.Amount > order.Total)
        {
            v.Add("amount.amount", $"More than the order's total of {Money.Of(order.Total, order.Currency).Amount} {order.Currency}.");
        }
        else if (k is ActionKind.Refund or ActionKind.PartialRefund && order is not null && left is { } leftOnOrder && ((money?.Amount ?? leftOnOrder) > leftOnOrder || leftOnOrder <= 0))
        {
            v.Add(money is null ? "amount" : "amount.amount", $"More than is left to refund on order {order.Number}: {Money.Of(Math.Max(leftOnOrder, 0), order.Currency).Amount} {order.Currency} of the {Money.Of(order.Total, order.Currency).Amount} paid (earlier refunds, done or awaiting approval, count).");
        }

        if (money is { } m3 && charge is not null && !string.Equals(m3.Currency, charge.Charge.Currency, StringComparison.Ordinal))
        {
            v.Add("amount.currency", $"The charge is in {charge.Charge.Currency}.");
        }
        else if (money is { } m4 && charge is not null && k == ActionKind.FeeReversal && left is { } leftOfFee && m4.Amount > leftOfFee)
        {
            v.Add("amount.amount", $"More than the fee: {Money.Of(Math.Max(leftOfFee, 0), charge.Charge.Currency).Amount} {charge.Charge.Currency} of the {Money.Of(charge.Charge.Amount, charge.Charge.Currency).Amount} charged is left to reverse.");
        }

        if (money is { Amount: 0 } && MoneyKinds.Contains(k))
        {
            v.Add("amount.amount", "Must be more than zero.");
        }

        if (!MoneyKinds.Contains(k) && money is { Amount: > 0 })
        {
            v.Add("amount", $"A {Names.Of(k)} moves no money; leave the amount out.");
        }

        if (k == ActionKind.ShippingUpgradeNoCharge && serviceLevel is null)
        {
            v.Add("serviceLevel", "Name the service given at no charge (express, overnight…).");
        }

        if (request.NoChargeUpgrade == true && (k is not (ActionKind.Reship or ActionKind.Replacement) || serviceLevel is null))
        {
            v.Add("noChargeUpgrade", "Only a reship or a replacement with a serviceLevel can carry a no-charge upgrade.");
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var amount = money?.Amount ?? (k == ActionKind.Refund ? left ?? order!.Total : null);
        var currency = money?.Currency ?? order?.Currency ?? (shipment?.Order?.Currency);
        var action = new ResolutionAction
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Kind = k,
            Amount = amount,
            Currency = amount is null ? null : currency,
            TargetType = type,
            Target = order?.Number ?? shipment?.Id.ToString("D", CultureInfo.InvariantCulture) ?? charge?.Charge.Id.ToString("D", CultureInfo.InvariantCulture) ?? target!,
            ServiceLevel = serviceLevel,
            Reason = reason,
            RequestedById = actor.UserId,
            RequestedByName = actor.Name,
            CreatedAt = now,
        };
        db.Set<ResolutionAction>().Add(action);

        var decision = await authority.DecideAsync(action, actor, ct);
        action.Status = decision.Kind switch
        {
            ActionDecisionKind.ExecuteNow => ActionStatus.Executed,
            ActionDecisionKind.NeedsApproval => ActionStatus.PendingApproval,
            _ => ActionStatus.Denied,
        };

        if (action.Status == ActionStatus.Executed)
        {
            await ExecuteAsync(action, shipment, request.NoChargeUpgrade == true, actor, now, ct);
        }
        else if (action.Status == ActionStatus.PendingApproval)
        {
            var route = await authority.RouteAsync(action, @case, actor.UserId, now, ct);
            db.Set<ApprovalRequest>().Add(new ApprovalRequest
            {
                ActionId = action.Id,
                CaseId = @case.Id,
                RequestedById = actor.UserId,
                RequestedByName = actor.Name,
                Why = decision.Reason ?? "above the requester's authority",
                AssigneeId = route.UserId,
                AssigneeName = route.Name,
                RoutedVia = route.Via,
                CreatedAt = now,
            });
            if (route.UserId is { } assignee)
            {
                db.Add(Notification.For(assignee, NotificationKind.ApprovalRequested, @case,
                    $"{@case.DisplayNumber}: {actor.Name} asks you to approve a {Names.Label(k).ToLowerInvariant()} of {Money.Of(amount ?? 0, currency ?? "").Amount} {currency} on {action.Target} ({decision.Reason}).", now));
            }

            decision = decision with { Reason = decision.Reason + (route.Name is null ? "; any supervisor with the authority may decide" : $"; sent to {route.Name} ({route.Via})") };
        }

        Auditor.Record(db, actor, now, "case", @case.Id, "action_" + Names.Of(action.Status), [
            new FieldChange("action", null, Names.Of(k)),
            new FieldChange("target", null, action.Target),
            new FieldChange("amount", null, amount is null ? null : Money.Of(amount.Value, currency!).Amount + " " + currency),
        ], decision.Reason ?? reason);
        CaseActivity.AddEvent(db, @case, actor, now, "action_" + Names.Of(action.Status), Describe(action, shipment, request.NoChargeUpgrade == true, decision));
        @case.LastActivityAt = now;
        @case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return action;
    }

    /// <summary>
    /// Carries out an action someone with the authority approved: through the connector, on the order or account,
    /// on the case's timeline. Only money actions wait for approval, so no shipment is involved. The caller saves.
    /// </summary>
    public async Task ExecuteApprovedAsync(ResolutionAction action, Actor approver, DateTimeOffset now, CancellationToken ct)
    {
        action.Status = ActionStatus.Executed;
        await ExecuteAsync(action, null, false, approver, now, ct);
    }

    private async Task ExecuteAsync(ResolutionAction action, Shipment? shipment, bool noChargeUpgrade, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (action.TargetType == ActionTargetType.Charge && action.Kind == ActionKind.FeeReversal)
        {
            await ReverseChargeAsync(action, actor, now, ct);
        }

        if (action.Kind is ActionKind.Reship or ActionKind.Replacement)
        {
            var created = OrderOperations.Reship(db, shipment!, action.ServiceLevel, noChargeUpgrade, now);
            action.ExecutionReference = "shipment:" + created.Id.ToString("D", CultureInfo.InvariantCulture);
            await connector.ExecuteAsync(action, ct);
            if (noChargeUpgrade)
            {
                // Recorded as its own action so the upgrade shows as given, at zero, and is never billed.
                var upgrade = new ResolutionAction
                {
                    CaseId = action.CaseId,
                    CustomerId = action.CustomerId,
                    Kind = ActionKind.ShippingUpgradeNoCharge,
                    Amount = 0m,
                    Currency = shipment!.Order?.Currency ?? "USD",
                    TargetType = ActionTargetType.Shipment,
                    Target = created.Id.ToString("D", CultureInfo.InvariantCulture),
                    ServiceLevel = action.ServiceLevel,
                    Reason = action.Reason,
                    PartOfId = action.Id,
                    Status = ActionStatus.Executed,
                    RequestedById = actor.UserId,
                    RequestedByName = actor.Name,
                    CreatedAt = now,
                    ExecutedAt = now,
                };
                db.Set<ResolutionAction>().Add(upgrade);
                upgrade.ExecutionReference = await connector.ExecuteAsync(upgrade, ct);
            }
        }
        else if (action.Kind == ActionKind.ShippingUpgradeNoCharge)
        {
            shipment!.NoChargeUpgrade = true;
            shipment.ServiceLevel = action.ServiceLevel;
            action.Amount = 0m;
            action.Currency = shipment.Order?.Currency ?? "USD";
            action.ExecutionReference = await connector.ExecuteAsync(action, ct);
        }
        else
        {
            action.ExecutionReference = await connector.ExecuteAsync(action, ct);
        }

        action.ExecutedAt = now;
    }

    /// <summary>A fee reversal takes the amount off the account's balance; reversed in full, the charge is no longer flagged.</summary>
    private async Task ReverseChargeAsync(ResolutionAction action, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (!Guid.TryParse(action.Target, CultureInfo.InvariantCulture, out var chargeId)
            || await db.Set<Charge>().FirstOrDefaultAsync(c => c.Id == chargeId, ct) is not { } charge)
        {
            return;
        }

        var account = await db.Set<Account>().FirstAsync(a => a.Id == charge.AccountId, ct);
        var earlier = await db.Set<ResolutionAction>()
            .Where(a => a.Id != action.Id && a.Kind == ActionKind.FeeReversal && a.Target == action.Target && a.Status == ActionStatus.Executed)
            .Select(a => a.Amount ?? 0).ToListAsync(ct);
        var amount = action.Amount ?? 0;
        account.Balance -= amount;
        account.UpdatedAt = now;
        account.Version++;
        if (earlier.Sum() + amount >= charge.Amount)
        {
            charge.ReversedAt = now;
        }

        Auditor.Record(db, actor, now, "account", account.Id, "fee_reversed", [
            new FieldChange("charge", null, $"{charge.Kind} {Money.Of(charge.Amount, charge.Currency).Amount} {charge.Currency} posted {charge.PostedOn:yyyy-MM-dd}"),
            new FieldChange("balance", Money.Of(account.Balance + amount, account.Currency).Amount, Money.Of(account.Balance, account.Currency).Amount),
        ], action.Reason);
    }

    private sealed record ChargeTarget(Charge Charge, Account Account);

    private async Task<ChargeTarget?> ResolveChargeAsync(Validator v, Case @case, string target, CancellationToken ct)
    {
        if (Guid.TryParse(target, CultureInfo.InvariantCulture, out var id))
        {
            var found = await db.Set<Charge>().Join(db.Set<Account>(), c => c.AccountId, a => a.Id, (c, a) => new { c, a })
                .FirstOrDefaultAsync(x => x.c.Id == id, ct);
            if (found is not null && found.a.CustomerId == @case.CustomerId)
            {
                return new ChargeTarget(found.c, found.a);
            }
        }

        v.Add("target", $"No account charge {target} of this case's customer (give the charge id from the account).");
        return null;
    }

    /// <summary>What is left to refund on an order, or to reverse of a fee, after earlier actions that are done or awaiting approval.</summary>
    private async Task<decimal?> LeftToReturnAsync(ActionKind kind, Order? order, ChargeTarget? charge, CancellationToken ct)
    {
        var counted = new[] { ActionStatus.Executed, ActionStatus.PendingApproval };
        if (order is not null && kind is ActionKind.Refund or ActionKind.PartialRefund)
        {
            var refunded = await db.Set<ResolutionAction>()
                .Where(a => (a.Kind == ActionKind.Refund || a.Kind == ActionKind.PartialRefund) && a.TargetType == ActionTargetType.Order && a.Target == order.Number && counted.Contains(a.Status))
                .Select(a => a.Amount ?? 0).ToListAsync(ct);
            return order.Total - refunded.Sum();
        }

        if (charge is not null && kind == ActionKind.FeeReversal)
        {
            var key = charge.Charge.Id.ToString("D", CultureInfo.InvariantCulture);
            var reversed = await db.Set<ResolutionAction>()
                .Where(a => a.Kind == ActionKind.FeeReversal && a.Target == key && counted.Contains(a.Status))
                .Select(a => a.Amount ?? 0).ToListAsync(ct);
            return charge.Charge.Amount - reversed.Sum();
        }

        return null;
    }

    private async Task<(Order? Order, Shipment? Shipment)> ResolveTargetAsync(Validator v, Case @case, ActionTargetType type, string target, CancellationToken ct)
    {
        switch (type)
        {
            case ActionTargetType.Order:
                var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Number == target, ct);
                if (order is null || order.CustomerId != @case.CustomerId)
                {
                    v.Add("target", $"No order {target} of this case's customer.");
                }

                return (order, null);

            case ActionTargetType.Shipment:
                Shipment? shipment = null;
                if (Guid.TryParse(target, CultureInfo.InvariantCulture, out var id))
                {
                    shipment = await db.Set<Shipment>().Include(s => s.Order).ThenInclude(o => o!.Shipments).FirstOrDefaultAsync(s => s.Id == id, ct);
                }

                if (shipment is null || shipment.Order!.CustomerId != @case.CustomerId)
                {
                    v.Add("target", $"No shipment {target} of this case's customer (give the shipment id).");
                    return (null, null);
                }

                return (null, shipment);

            default:
                return (null, null);
        }
    }

    private static string Describe(ResolutionAction a, Shipment? shipment, bool noChargeUpgrade, ActionDecision decision)
    {
        var what = a.Kind switch
        {
            ActionKind.Reship or ActionKind.Replacement =>
                $"{Names.Label(a.Kind)} of order {shipment?.Order?.Number} (replacing {shipment?.TrackingNumber})"
                + (a.ServiceLevel is null ? "" : $" by {a.ServiceLevel}")
                + (noChargeUpgrade ? $", {a.ServiceLevel} at no charge: the customer is not billed for it" : ""),
            ActionKind.ShippingUpgradeNoCharge => $"Upgrade to {a.ServiceLevel} at no charge",
            _ => $"{Names.Label(a.Kind)} of {Money.Of(a.Amount ?? 0, a.Currency ?? "").Amount} {a.Currency} on {a.Target}",
        };
        return a.Status switch
        {
            ActionStatus.Executed => what + ".",
            ActionStatus.PendingApproval => what + " awaits approval" + (decision.Reason is null ? "." : $": {decision.Reason}."),
            _ => what + " was refused" + (decision.Reason is null ? "." : $": {decision.Reason}."),
        };
    }
}
