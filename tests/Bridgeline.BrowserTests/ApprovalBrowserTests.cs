using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// S4 in the browser: the agent asks for an 80 USD refund above her 50 USD limit from the case page; the on-duty
/// supervisor, in another browser, sees it counted in the header and approves it from the Approvals page; the agent's
/// case shows the decision after a reload.
/// </summary>
public sealed class ApprovalBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AgentAsksForRefundAboveLimit_SupervisorApprovesFromApprovalsPage_AgentSeesItOnTheCase()
    {
        const string password = "approval-browser-password";
        var team = "Tier 1 " + Guid.NewGuid().ToString("N")[..6];
        var agent = await app.CreateStaffAsync("agent", team, password: password);
        var supervisor = await app.CreateStaffAsync("supervisor", team, password: password);
        await app.Admin.PostJsonAsync<JsonElement>("/api/escalation-chains", new
        {
            team,
            levels = new object[] { new { name = "Duty Supervisor", user = supervisor.Email, acknowledgeWithinMinutes = 60, answerWithinHours = 24 } },
        });
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "John Smith", phones = new[] { "+1 555-867-5309" } });
        var customerId = customer.GetProperty("id").GetGuid();
        var order = "C-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await app.Admin.PostJsonAsync<JsonElement>("/api/orders", new { number = order, customerId, total = new { amount = "80.00", currency = "USD" } });
        var created = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId, subject = $"Let me talk to a supervisor about {order}", channel = "phone", team, owner = agent.Email,
            body = "The parcel never arrived and I want my 80 dollars back.",
        });
        var number = created.GetProperty("number").GetString()!;

        var agentPage = await app.SignInAsync(agent.Email, password);
        await agentPage.GotoAsync($"/cases/{number}");
        var panel = agentPage.Locator("[data-testid=approvals]");
        await panel.GetByLabel("Action kind").SelectOptionAsync("refund");
        await panel.GetByLabel("Action target").FillAsync(order);
        await panel.GetByLabel("Action reason").FillAsync("Carrier never received the parcel.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Do it (or ask for approval)" }).ClickAsync();
        await Assertions.Expect(agentPage.Locator("[data-testid=case-approvals]")).ToContainTextAsync("Pending");
        await Assertions.Expect(agentPage.Locator("[data-testid=case-approvals]")).ToContainTextAsync(supervisor.Name);

        var supervisorPage = await app.SignInAsync(supervisor.Email, password);
        await Assertions.Expect(supervisorPage.Locator("[data-testid=approvals-count]")).ToHaveTextAsync("Approvals (1)");
        await supervisorPage.Locator("[data-testid=approvals-count]").ClickAsync();
        var row = supervisorPage.Locator($"[data-testid=approval-{number}]");
        await Assertions.Expect(row).ToContainTextAsync("80.00 USD");
        await row.GetByLabel($"Reason for {number}").FillAsync("Customer is on the line; the carrier lost it.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(supervisorPage.Locator("[data-testid=approval-result]")).ToContainTextAsync("Approved");
        await Assertions.Expect(supervisorPage.Locator("[data-testid=approvals-count]")).ToHaveTextAsync("Approvals");

        await agentPage.ReloadAsync();
        await Assertions.Expect(agentPage.Locator("[data-testid=case-approvals]")).ToContainTextAsync("Approved");
        await Assertions.Expect(agentPage.Locator("[data-testid=actions]")).ToContainTextAsync("Executed");
        await Assertions.Expect(agentPage.Locator(".timeline")).ToContainTextAsync($"approved by {supervisor.Name}");
        await BrowserApp.ScreenshotAsync(agentPage, "approval");
    }

    [Fact]
    public async Task AdminSetsAPersonsOverrideFromTheAuthorityLimitsPage()
    {
        var agent = await app.CreateStaffAsync("agent", "Tier 1 " + Guid.NewGuid().ToString("N")[..6]);
        var admin = await app.SignInAsync("admin@bridgeline.local", BridgelineApp.AdminPassword);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Authority limits" }).ClickAsync();
        var table = admin.Locator("[data-testid=authority-limits]");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "agent" }).Filter(new() { HasText = "Fee reversal" })).ToContainTextAsync("100.00 USD");

        await admin.GetByLabel("Person").FillAsync(agent.Email);
        await admin.GetByLabel("Action").SelectOptionAsync("refund");
        await admin.GetByLabel("Limit amount").FillAsync("120.00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save limit" }).ClickAsync();
        await Assertions.Expect(table.Locator("tr", new() { HasText = agent.Name + " (override)" })).ToContainTextAsync("120.00 USD");

        var limits = await app.Admin.GetJsonAsync<List<JsonElement>>("/api/authority-limits");
        Assert.Contains(limits, l => l.GetProperty("user").ValueKind == JsonValueKind.Object && l.GetProperty("user").GetProperty("id").GetGuid() == agent.Id && l.GetProperty("limit").GetProperty("amount").GetString() == "120.00");
    }
}
