using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>S1 in a real browser: the wrap-up form refuses "blah blah blah" and says why; the manager searches and reads the quality report.</summary>
public sealed class NoteQualityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task S1_BlahIsRefusedOnTheCasePage_TheManagerFindsTheRealBlahAndSeesTheRefusal()
    {
        const string password = "hotline-browser-password";
        var agent = await app.CreateStaffAsync("agent", team: "Hotline", password: password);
        var manager = await app.CreateStaffAsync("manager", team: "Hotline", password: password);
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Denise Boudreaux", phones = new[] { "+1 504-555-0143" } });
        var claim = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId = customer.GetProperty("id").GetGuid(), subject = "Claim for my fishing boat", channel = "phone", team = "Hotline",
            body = "My boat has not been out for six weeks and my claim has had no answer.",
        });
        var number = claim.GetProperty("number").GetString()!;
        await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{number}/notes", new { kind = "internal", text = "Caller says the last agent only said blah and hung up." });

        var page = await app.SignInAsync(agent.Email, password);
        await page.GotoAsync($"/cases/{number}");
        await page.Locator("#note").FillAsync("blah blah blah");
        await page.GetByLabel("Note kind").SelectOptionAsync("wrapup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("\"blah\" is filler");
        await Assertions.Expect(alert).ToContainTextAsync("say what the caller asked for");

        await page.Locator("#note").FillAsync("Caller asked why the boat claim has no answer; adjuster visit was never booked, booked it for Thursday; I call him Wednesday to confirm.");
        await page.GetByLabel("Note kind").SelectOptionAsync("wrapup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("adjuster visit was never booked");

        var boss = await app.SignInAsync(manager.Email, password);
        await boss.GotoAsync("/search?q=blah");
        var hits = boss.GetByTestId("search-hit");
        await Assertions.Expect(hits).ToHaveCountAsync(1);
        await Assertions.Expect(hits.First.Locator("mark")).ToHaveTextAsync("blah");
        await BrowserApp.ScreenshotAsync(boss, "search");

        await boss.GotoAsync("/reports/quality");
        var row = boss.GetByTestId("quality-row").Filter(new() { HasText = agent.Name });
        await Assertions.Expect(row).ToContainTextAsync("100% (1 of 1)");
        await BrowserApp.ScreenshotAsync(boss, "quality");
    }

    [Fact]
    public async Task S3_TheCarrierArticleIsSuggestedOnTheCase_AndItsCustomerPartGoesIntoAReply()
    {
        const string password = "tier1-browser-password";
        var agent = await app.CreateStaffAsync("agent", team: "Tier 1", password: password);
        var supervisor = await app.CreateStaffAsync("supervisor", team: "Tier 1");
        await supervisor.Client.PostJsonAsync<JsonElement>("/api/articles", new
        {
            title = "Carrier never received the parcel",
            body = "Offer a reship by express at no charge, or a refund.",
            customerReply = "Your parcel was never handed to the carrier; a replacement leaves today by express, at no cost to you.",
            anomalies = new[] { "carrier_never_received" },
        });
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "John Smith", emails = new[] { "john.smith@example.test" } });
        var order = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new
        {
            customerId = customer.GetProperty("id").GetGuid(), subject = "Where is my order C-1001?", channel = "phone", team = "Tier 1", tags = new[] { "carrier_never_received" },
        });
        var number = order.GetProperty("number").GetString()!;

        var page = await app.SignInAsync(agent.Email, password);
        await page.GotoAsync($"/cases/{number}");
        var suggestion = page.GetByTestId("suggested-article").Filter(new() { HasText = "Carrier never received the parcel" });
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        await suggestion.GetByTestId("use-article").ClickAsync();
        await Assertions.Expect(page.Locator("#kb-reply-text")).ToHaveValueAsync("Your parcel was never handed to the carrier; a replacement leaves today by express, at no cost to you.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).Last.ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("a replacement leaves today by express");
    }
}
