using Bridgeline.Auth;
using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Accounts;

/// <summary>
/// S10: John Smith's account shows "Basic 50" while he pays for "Premium 300".
/// S11: his store card was paid off and closed on 1 March; a late fee posted on 15 March.
/// </summary>
public sealed class AccountsDemo(BridgelineDb db, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var john = await db.CustomerEmails.Where(e => e.Normalized == "john.smith@example.com").Select(e => e.CustomerId).FirstOrDefaultAsync(ct);
        if (john == Guid.Empty)
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var year = today >= new DateOnly(today.Year, 3, 16) ? today.Year : today.Year - 1;
        var closed = new DateOnly(year, 3, 1);
        var operations = new AccountOperations(db, clock);
        await operations.ImportAsync(
        [
            new ImportAccountRequest(john, "AC-20417", "Basic 50", "active", new DateOnly(year - 2, 9, 1), null, Money("0.00"),
            [
                new ImportChargeRequest(null, closed.AddMonths(-1), "monthly_fee", "Premium 300", Money("300.00")),
                new ImportChargeRequest(null, closed, "monthly_fee", "Premium 300", Money("300.00")),
            ]),
            new ImportAccountRequest(john, "SC-88120", "Store card", "closed", new DateOnly(year - 3, 5, 12), closed, Money("25.00"),
            [
                new ImportChargeRequest(null, closed.AddDays(-20), "purchase", "Garden furniture", Money("310.40")),
                new ImportChargeRequest(null, closed, "payment", "Paid off and closed", Money("-310.40")),
                new ImportChargeRequest(null, closed.AddDays(14), "late_fee", "Late payment fee", Money("25.00")),
            ]),
        ],
            Actor.System,
            ct);
    }

    private static MoneyInput Money(string amount) => new(System.Text.Json.JsonSerializer.SerializeToElement(amount), "USD");
}
