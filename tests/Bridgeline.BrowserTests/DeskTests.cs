using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// An agent's day on the desk, in a real browser: the queue, a case, a reply and a note,
/// and the customer's one timeline across every case.
/// </summary>
public sealed class DeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AgentRepliesAndNotes_CustomerTimelineShowsBothWithTheOtherCases()
    {
        const string password = "agent-browser-password";
        var agent = await app.CreateStaffAsync("agent", team: "Tier 1", password: password);
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Maya Okafor", emails = new[] { "maya@example.test" } });
        var customerId = customer.GetProperty("id").GetGuid();

        // An older case by phone, so the timeline has more than the case at hand.
        var earlier = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId, subject = "Router keeps rebooting", channel = "phone", team = "Tier 1",
            body = "My router reboots every evening around eight.",
        });
        var current = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId, subject = "Refund for the returned router", channel = "email", team = "Tier 1",
            body = "I sent the router back two weeks ago and have no refund yet.",
        });
        var number = current.GetProperty("number").GetString()!;

        var page = await app.SignInAsync(agent.Email, password);

        // The case waits in the team's queue; the agent opens it from there.
        await page.GotoAsync("/?view=team");
        await page.GetByRole(AriaRole.Link, new() { Name = "Refund for the returned router" }).ClickAsync();
        await page.WaitForURLAsync($"**/cases/{number}");

        await page.Locator("#reply").FillAsync("Your refund of 80 USD was issued today; it reaches your card in 3 to 5 days.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Your refund of 80 USD was issued today");

        await page.Locator("#note").FillAsync("Return scanned at the warehouse on the 3rd; refund issued through the payments desk.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Return scanned at the warehouse");

        // The customer's page: both new entries and the other case's call, newest first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Maya Okafor" }).First.ClickAsync();
        await page.WaitForURLAsync($"**/customers/{customerId}");
        var timeline = page.Locator(".timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Your refund of 80 USD was issued today");
        await Assertions.Expect(timeline).ToContainTextAsync("Return scanned at the warehouse");
        await Assertions.Expect(timeline).ToContainTextAsync("My router reboots every evening");
        await Assertions.Expect(timeline).ToContainTextAsync(earlier.GetProperty("number").GetString()!);

        var text = await timeline.InnerTextAsync();
        Assert.True(
            text.IndexOf("Return scanned", StringComparison.Ordinal) < text.IndexOf("My router reboots", StringComparison.Ordinal),
            "The newest entry (the note) comes before the older case's first message.");
    }

    [Fact]
    public async Task AnonymousVisitor_IsSentToSignIn()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/cases/BL-10001");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
