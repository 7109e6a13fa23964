using System.Globalization;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders;
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

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var (order, shipment) = await ResolveTargetAsync(v, @case, type, target!, ct);

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
        var amount = money?.Amount ?? (k == ActionKind.Refund ? order!.Total : null);
        var currency = money?.Currency ?? order?.Currency ?? (shipment?.Order?.Currency);
        var action = new ResolutionAction
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Kind = k,
            Amount = amount,
            Currency = amount is null ? null : currency,
            TargetType = type,
            Target = order?.Number ?? shipment?.Id.ToString("D", CultureInfo.InvariantCulture) ?? target!,
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

        Auditor.Record(db, actor, now, "case", @case.Id, "action_" + Names.Of(action.Status), [
            new FieldChange("action", null, Names.Of(k)),
            new FieldChange("target", null, action.Target),
            new FieldChange("amount", null, amount is null ? null : Money.Of(amount.Value, currency!).Amount + " " + currency),
        ], decision.Reason ?? reason);
        CaseActivity.AddEvent(db, @case, actor, now, "action_" + Names.Of(action.Status), Describe(action, shipment, request.NoChargeUpgrade == true, decision));
        @case.LastActivityAt = now;
        @case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return action;
    }

    private async Task ExecuteAsync(ResolutionAction action, Shipment? shipment, bool noChargeUpgrade, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
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
