using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Expectations;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.CompanyPolicies;

/// <summary>
/// S2's policies and the requests they blocked, and S12's expectations, so a newcomer sees the policy ranking and an
/// open obligation after `dotnet run`. Authority limits need no demo: their defaults are seeded with the schema.
/// </summary>
public sealed class PoliciesDemo(BridgelineDb db, TimeProvider clock, InteractionOperations interactions)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var users = await db.Users.ToDictionaryAsync(u => u.Email!, ct);
        Actor As(string email)
        {
            var u = users[email];
            return new Actor(u.Id, u.Name, u.Role, u.TeamId, null);
        }

        var manager = As("claims.manager@demo.bridgeline");
        var hotline = As("hotline@demo.bridgeline");
        var agent = As("agent@demo.bridgeline");

        var policies = new PolicyOperations(db, clock, new EscalationOperations(db, clock));
        await policies.CreateAsync(new PolicyRequest("claims.storefront-required", "Business claims need a storefront", "A business loss claim is accepted only from a business with a registered storefront.", "Claims Management", null), manager, ct);
        await policies.CreateAsync(new PolicyRequest("refunds.30-days", "Refunds within 30 days of delivery", "Refunds are given only within 30 days of delivery.", "Customer Service", null), manager, ct);
        await policies.CreateAsync(new PolicyRequest("shipping.domestic-free-only", "Free shipping is domestic only", "Free shipping offers cover addresses in the United States only.", "Marketing", null), manager, ct);

        // The storefront claim escalated by the SLA demo already counts; two more fishermen were refused under the same rule.
        var cases = await db.Cases.ToListAsync(ct);
        foreach (var (subject, amount) in new[] { ("fishing boat", "18000.00"), ("claims adjuster", "9500.00") })
        {
            var customers = await db.Customers.ToDictionaryAsync(c => c.Id, c => c.Name, ct);
            if (cases.FirstOrDefault(c => c.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase)) is { } claim)
            {
                await policies.RecordBlockAsync(claim.DisplayNumber, new PolicyBlockRequest("claims.storefront-required", "refused", new MoneyRequest(amount, "USD"), "No income while the claim waits.", $"{customers[claim.CustomerId]}'s business has no storefront, so the claim form refuses it."), hotline, ct);
            }
        }

        // S12: free international shipping expected from the spring promotion page.
        var maria = await db.Customers.FirstOrDefaultAsync(c => c.Name == "Maria Garcia", ct);
        if (maria is not null)
        {
            var @case = await new CaseOperations(db, clock).CreateAsync(new CreateCaseRequest(
                maria.Id, "Charged 25 USD to ship to Canada", "email", "Your spring promotion said free shipping. I was charged 25 USD to ship to Canada.", "normal", "Tier 1", null, "shipping.expectation", ["shipping"]), agent, ct);
            await new ExpectationOperations(db, clock, interactions).RecordAsync(@case.DisplayNumber, new RecordExpectationRequest(
                "free international shipping", "promotion_page", "Spring sale page: \"Free shipping on every order\"", null, null, "Refund the 25.00 USD shipping charge.", null), agent, ct);
        }
    }
}
