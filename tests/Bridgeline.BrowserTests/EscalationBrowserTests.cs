using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// S2 in the browser: the agent escalates a policy-blocked claim from the case page; the supervisor sees it
/// counted in the header, opens it from "Escalated to me", acknowledges and answers; the agent sees the answer.
/// </summary>
public sealed class EscalationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AgentEscalatesPolicyBlockedClaim_SupervisorAcknowledgesAndAnswersFromEscalatedToMe()
    {
        const string password = "escalation-browser-password";
        var team = "Hotline " + Guid.NewGuid().ToString("N")[..6];
        var agent = await app.CreateStaffAsync("agent", team, password: password);
        var supervisor = await app.CreateStaffAsync("supervisor", team, password: password);
        var manager = await app.CreateStaffAsync("manager", "Claims Management");
        await app.Admin.PostJsonAsync<JsonElement>("/api/escalation-chains", new
        {
            team,
            levels = new object[]
            {
                new { name = "Duty Supervisor", user = supervisor.Email, acknowledgeWithinMinutes = 60, answerWithinHours = 24 },
                new { name = "Claims Management", user = manager.Email, acknowledgeWithinMinutes = 240, answerWithinHours = 48 },
            },
        });
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Lena Guidry", phones = new[] { "+1 337-555-0191" } });
        var created = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId = customer.GetProperty("id").GetGuid(), subject = "Claim form rejects a business without a storefront", channel = "phone", team,
            body = "The claim form rejects my business because it has no storefront.",
        });
        var number = created.GetProperty("number").GetString()!;

        var agentPage = await app.SignInAsync(agent.Email, password);
        await agentPage.GotoAsync($"/cases/{number}");
        var panel = agentPage.Locator("[data-testid=escalations]");
        await panel.GetByLabel("Escalation reason").SelectOptionAsync("policy_blocked");
        await panel.GetByLabel("Why").FillAsync("The form refuses businesses without a storefront; she sells from a boat.");
        await panel.GetByLabel("Policy code").FillAsync("claims.storefront-required");
        await panel.GetByLabel("Money at stake").FillAsync("25000.00");
        await panel.GetByLabel("Currency").FillAsync("USD");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Assertions.Expect(agentPage.Locator("[data-testid=customer-text]")).ToContainTextAsync("Escalated to Duty Supervisor on");
        await Assertions.Expect(agentPage.Locator(".timeline")).ToContainTextAsync("Escalated to Duty Supervisor");

        var supervisorPage = await app.SignInAsync(supervisor.Email, password);
        await Assertions.Expect(supervisorPage.Locator("[data-testid=escalated-to-me]")).ToHaveTextAsync("Escalated to me (1)");
        await supervisorPage.Locator("[data-testid=escalated-to-me]").ClickAsync();
        await Assertions.Expect(supervisorPage.Locator("table.cases")).ToContainTextAsync("claims.storefront-required");
        await Assertions.Expect(supervisorPage.Locator("table.cases")).ToContainTextAsync("25000.00 USD");
        await supervisorPage.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await supervisorPage.WaitForURLAsync($"**/cases/{number}");
        await supervisorPage.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(supervisorPage.Locator(".timeline")).ToContainTextAsync("Escalation acknowledged");
        await supervisorPage.GetByLabel("Answer to the escalation").FillAsync("Approved as an exception: the boat is the place of business.");
        await supervisorPage.GetByRole(AriaRole.Button, new() { Name = "Answer", Exact = true }).ClickAsync();
        await Assertions.Expect(supervisorPage.Locator("[data-testid=escalated-to-me]")).ToHaveTextAsync("Escalated to me");

        await agentPage.ReloadAsync();
        await Assertions.Expect(agentPage.Locator(".timeline")).ToContainTextAsync("the boat is the place of business");
        await BrowserApp.ScreenshotAsync(agentPage, "escalation");
    }
}
