using System.Globalization;
using Bridgeline.Data;
using Bridgeline.Infrastructure;

namespace Bridgeline.Actions;

/// <summary>
/// Carries out an approved resolution action in the system that holds the money or the goods.
/// Runs inside the action's unit of work: what it adds to the database is saved with the action.
/// Returns a reference to what it did (a ledger entry id, a payment provider's refund id).
/// </summary>
public interface IActionConnector
{
    Task<string> ExecuteAsync(ResolutionAction action, CancellationToken ct);
}

/// <summary>The built-in connector: records each action in Bridgeline's own ledger, for shops that settle money elsewhere by hand.</summary>
public sealed class LedgerConnector(BridgelineDb db, TimeProvider clock) : IActionConnector
{
    public Task<string> ExecuteAsync(ResolutionAction action, CancellationToken ct)
    {
        var amount = action.Amount ?? 0m;
        var currency = action.Currency ?? "USD";
        var entry = new LedgerEntry
        {
            ActionId = action.Id,
            CustomerId = action.CustomerId,
            Kind = action.Kind,
            Amount = action.Kind == ActionKind.ShippingUpgradeNoCharge ? 0m : amount,
            Currency = currency,
            Target = action.Target,
            Description = Describe(action, amount, currency),
            At = clock.GetUtcNow(),
        };
        db.Set<LedgerEntry>().Add(entry);
        return Task.FromResult("ledger:" + entry.Id.ToString("D", CultureInfo.InvariantCulture));
    }

    private static string Describe(ResolutionAction a, decimal amount, string currency) => a.Kind switch
    {
        ActionKind.ShippingUpgradeNoCharge => $"Upgrade to {a.ServiceLevel ?? "a faster service"} at no charge on {a.Target}: not billed to the customer.",
        ActionKind.Reship or ActionKind.Replacement => $"{Names.Label(a.Kind)} of {a.Target}" + (a.ServiceLevel is null ? "." : $" by {a.ServiceLevel}."),
        _ => $"{Names.Label(a.Kind)} of {Money.Of(amount, currency).Amount} {currency} on {a.Target}.",
    };
}
