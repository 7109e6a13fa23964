using Bridgeline.Demo;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// On the demo floor: the claims manager sees the policies ranked by customers blocked and drills down to the cases (S2);
/// the agent sees the obligation the spring promotion created on the customer's case and marks it met (S12).
/// </summary>
public sealed class PolicyAndExpectationBrowserTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    [Fact]
    public async Task ManagerSeesPoliciesRankedWithDrillDown_AgentMeetsTheObligationOnTheCase()
    {
        var manager = await app.SignInAsync("claims.manager@demo.bridgeline", DemoData.Password);
        await manager.GotoAsync("/reports");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Policies blocking customers" }).ClickAsync();
        var storefront = manager.Locator("[data-testid='policy-claims.storefront-required']");
        await Assertions.Expect(storefront).ToContainTextAsync("Business claims need a storefront");
        await Assertions.Expect(storefront.Locator("td").Nth(2)).ToHaveTextAsync("3");
        await Assertions.Expect(manager.Locator("[data-testid=policy-report] tbody tr").First).ToContainTextAsync("claims.storefront-required");
        await storefront.GetByRole(AriaRole.Link, new() { Name = "Business claims need a storefront" }).ClickAsync();
        await Assertions.Expect(manager.Locator("[data-testid=policy-cases] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(manager.Locator("[data-testid=policy-cases]")).ToContainTextAsync("Lena Guidry");
        await BrowserApp.ScreenshotAsync(manager, "policies");

        var agent = await app.SignInAsync("agent@demo.bridgeline", DemoData.Password);
        await agent.GotoAsync("/?view=all");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Charged 25 USD to ship to Canada" }).ClickAsync();
        var obligation = agent.Locator("[data-testid=obligation]");
        await Assertions.Expect(obligation).ToContainTextAsync("Refund the 25.00 USD shipping charge.");
        await Assertions.Expect(agent.Locator("[data-testid=expectation]")).ToContainTextAsync("created by the company: yes");
        await obligation.GetByRole(AriaRole.Button, new() { Name = "Met" }).ClickAsync();
        await Assertions.Expect(obligation).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Locator("[data-testid=expectation]")).ToContainTextAsync("Obligation met by Agent One");
        await Assertions.Expect(agent.Locator(".timeline")).ToContainTextAsync("Obligation met");
    }
}
