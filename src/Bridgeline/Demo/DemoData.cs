using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Data;
using Bridgeline.Interactions;
using Bridgeline.Users;

namespace Bridgeline.Demo;

/// <summary>
/// The people and cases of the stories, so a newcomer can walk each story by hand after `dotnet run`.
/// Everything goes through the same operations the API uses.
/// </summary>
public sealed class DemoData(
    BridgelineDb db,
    UserOperations users,
    CustomerOperations customers,
    CaseOperations cases,
    InteractionOperations interactions,
    Knowledge.KnowledgeDemo knowledge,
    TimeProvider clock)
{
    public const string Password = "bridgeline-demo";

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string Team)> Staff =
    [
        ("agent@demo.bridgeline", "Agent One", Roles.Agent, "Tier 1"),
        ("hotline@demo.bridgeline", "Hotline Agent", Roles.Agent, "Hotline"),
        ("supervisor@demo.bridgeline", "Duty Supervisor", Roles.Supervisor, "Tier 1"),
        ("claims.manager@demo.bridgeline", "Claims Manager", Roles.Manager, "Claims Management"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var system = Actor.System;
        foreach (var team in new[] { "Billing", "Carrier Follow-up" })
        {
            await users.CreateTeamAsync(new CreateTeamRequest(team), ct);
        }

        var staff = new Dictionary<string, StaffUser>(StringComparer.Ordinal);
        foreach (var (email, name, role, team) in Staff)
        {
            staff[email] = await users.CreateUserAsync(new CreateUserRequest(email, name, role, team, Password), system, ct);
        }

        foreach (var (code, name) in new[]
        {
            ("order.where-is-my-order", "Where is my order"),
            ("order.not-received", "Order not received"),
            ("account.correction", "Account details wrong"),
            ("billing.fee-dispute", "Fee or charge disputed"),
            ("claims.status", "Claim status"),
            ("claims.new", "New claim"),
            ("shipping.expectation", "Shipping expectation"),
            ("complaint.public", "Public complaint"),
        })
        {
            await users.CreateContactReasonAsync(new CreateContactReasonRequest(code, name), ct);
        }

        var agent = ActorOf(staff["agent@demo.bridgeline"]);
        var hotline = ActorOf(staff["hotline@demo.bridgeline"]);
        var now = clock.GetUtcNow();

        var john = await customers.CreateAsync(new CreateCustomerRequest("John Smith", ["john.smith@example.com"], ["+1 555-867-5309"]), system, ct);
        await customers.CreateAsync(new CreateCustomerRequest("John Smithson", ["jsmithson@example.net"], ["+1 555-201-4477"]), system, ct);
        await customers.CreateAsync(new CreateCustomerRequest("Joan Smith", ["joan.smith@example.org"], ["+1 555-404-1200"]), system, ct);
        await customers.CreateAsync(new CreateCustomerRequest("Jon Smythe", ["jon.smythe@example.co.uk"], ["+44 20 7946 0958"]), system, ct);

        // S3, S6: the order that never left, and the call that dropped.
        var order = await cases.CreateAsync(
            new CreateCaseRequest(john.Id, "Where is my order C-1001?", "phone", "My order C-1001 was supposed to arrive days ago and the tracking has not moved.", "normal", "Tier 1", agent.UserId!.Value.ToString(), "order.where-is-my-order", ["order"]),
            agent,
            ct);
        await interactions.LogCallAsync(order.DisplayNumber, new LogCallRequest("inbound", "+15558675309", null, agent.UserId.ToString(), now.AddMinutes(-32), now.AddMinutes(-30), true, "Call dropped while checking the tracking number."), agent, ct);
        await interactions.AddNoteAsync(order.DisplayNumber, new AddNoteRequest("internal", "Tracking shows only 'Shipping label created, USPS awaiting item' from seven days ago. Checking with the warehouse."), agent, ct);

        // S10: the account with the wrong package.
        var plan = await cases.CreateAsync(
            new CreateCaseRequest(john.Id, "Account shows Basic 50 but I pay for Premium 300", "email", "Hello, my account says Basic 50 but every bill charges me for Premium 300. Please fix it.", "normal", "Billing", null, "account.correction", null),
            system,
            ct);
        await interactions.AddMessageAsync(plan.DisplayNumber, new AddMessageRequest("outbound", "email", "Thank you, John. We are checking your plan against your bills and will correct it today.", null, null), agent, ct);

        // S11: the late fee after the account was closed.
        await cases.CreateAsync(
            new CreateCaseRequest(john.Id, "Late fee after I closed my store card", "chat", "I paid off and closed my store card on 1 March, and now there is a late fee from 15 March.", "high", "Billing", null, "billing.fee-dispute", ["fees"]),
            system,
            ct);

        // S1, S2: the disaster hotline.
        var callers = new[]
        {
            ("Denise Boudreaux", "+1 504-555-0143", "My fishing boat has not been out for six weeks; my claim has had no answer."),
            ("Marcus Thibodeaux", "+1 985-555-0178", "I was told a claims adjuster would call me within 48 hours. That was two weeks ago."),
            ("Lena Guidry", "+1 337-555-0191", "The claim form rejects my business because it has no storefront."),
        };
        foreach (var (name, phone, said) in callers)
        {
            var caller = await customers.CreateAsync(new CreateCustomerRequest(name, [], [phone]), system, ct);
            var claim = await cases.CreateAsync(new CreateCaseRequest(caller.Id, "Claim: " + Subject(said), "phone", said, "high", "Hotline", hotline.UserId!.Value.ToString(), "claims.status", ["hotline"]), hotline, ct);
            await interactions.LogCallAsync(claim.DisplayNumber, new LogCallRequest("inbound", phone, "+18005550100", hotline.UserId.ToString(), now.AddHours(-3), now.AddHours(-3).AddMinutes(11), false, null), hotline, ct);
        }

        // S13: a public complaint.
        var maria = await customers.CreateAsync(new CreateCustomerRequest("Maria Garcia", ["maria.garcia@example.com"], []), system, ct);
        await cases.CreateAsync(
            new CreateCaseRequest(maria.Id, "Public review: 'an hour on hold and nobody called back'", "social", "Posted on a review site: an hour on hold, promised a callback that never came. Never again.", "urgent", "Tier 1", null, "complaint.public", ["public"]),
            system,
            ct);

        await new Bridgeline.Accounts.AccountsDemo(db, clock).SeedAsync(ct);
        await db.SaveChangesAsync(ct);
        await Orders.OrdersDemo.SeedAsync(db, clock, ct);
        await knowledge.SeedAsync(ct);
        await new Sla.SlaDemo(db, clock).SeedAsync(ct);
        await new CompanyPolicies.PoliciesDemo(db, clock, interactions).SeedAsync(ct);
    }

    /// <summary>A subject from what the caller said: the first sentence, cut at a word.</summary>
    private static string Subject(string said)
    {
        var sentence = said.Split('.', 2)[0];
        if (sentence.Length <= 70)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', 70);
        return sentence[..(cut > 0 ? cut : 70)] + "…";
    }

    private static Actor ActorOf(StaffUser user) => new(user.Id, user.Name, user.Role, user.TeamId, null);
}
