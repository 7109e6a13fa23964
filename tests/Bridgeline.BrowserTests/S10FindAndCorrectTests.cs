using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// S10 "They couldn't find my account", in a real browser: the agent types what the caller says into the
/// search box, finds John Smith first among look-alikes, verifies him on his case, corrects his plan with
/// a reason, and sees the history entry and the notice on his timeline.
/// </summary>
public sealed class S10FindAndCorrectTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AgentFindsJohnSmithAmongLookAlikes_AndCorrectsHisPlanWithAReason()
    {
        const string password = "agent-s10-password";
        var agent = await app.CreateStaffAsync("agent", team: "Tier 1", password: password);
        var john = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "John Smith", emails = new[] { "john.smith@example.com" }, phones = new[] { "+1 555-867-5309" } });
        var johnId = john.GetProperty("id").GetGuid();
        await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "John Smithson", phones = new[] { "+1 555-201-4477" } });
        await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Joan Smith", phones = new[] { "+1 555-404-1200" } });
        await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Jon Smythe", phones = new[] { "+44 20 7946 0958" } });
        await app.Admin.PostJsonAsync<JsonElement>("/api/accounts/import", new { customerId = johnId, number = "AC-20417", plan = "Basic 50", openedOn = "2024-09-01" });
        var @case = await app.Admin.PostJsonAsync<JsonElement>("/api/cases", new { customerId = johnId, subject = "Account shows Basic 50 but I pay for Premium 300", channel = "phone", team = "Tier 1" });
        var number = @case.GetProperty("number").GetString()!;

        var page = await app.SignInAsync(agent.Email, password);
        await page.GetByLabel("Find customer").FillAsync("Jon Smyth 555 867 5309");
        await page.GetByLabel("Find customer").PressAsync("Enter");
        var first = page.Locator("table.search-results tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("John Smith");
        await Assertions.Expect(first).ToContainTextAsync("+15558675309");
        await Assertions.Expect(first).ToContainTextAsync("name, phone");
        await Assertions.Expect(page.Locator("table.search-results")).ToContainTextAsync("Jon Smythe");

        // Verify the caller on his case, then correct the plan from his page.
        await page.GotoAsync($"/cases/{number}");
        await page.GetByLabel("What was checked").FillAsync("Account number and postcode");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record verification" }).ClickAsync();
        await Assertions.Expect(page.Locator(".verifications")).ToContainTextAsync("Account and postcode");

        await page.GotoAsync($"/customers/{johnId}");
        await Assertions.Expect(page.Locator("#accounts")).ToContainTextAsync("Basic 50");
        await page.Locator("#accounts").GetByLabel("New plan").FillAsync("Premium 300");
        await page.Locator("#accounts").GetByLabel("Reason (required)").FillAsync("Every bill charges Premium 300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct plan" }).ClickAsync();

        await Assertions.Expect(page.Locator("#accounts .plan")).ToHaveTextAsync("Premium 300");
        await Assertions.Expect(page.Locator(".account-history")).ToContainTextAsync("plan: Basic 50 → Premium 300");
        await Assertions.Expect(page.Locator(".account-history")).ToContainTextAsync("Every bill charges Premium 300");
        await Assertions.Expect(page.Locator(".account-history")).ToContainTextAsync(agent.Name);
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("We have corrected your details: account AC-20417 plan is now Premium 300");
    }

    [Fact]
    public async Task AgentFindsTheCustomerByTheTrackingNumberTheCallerReadsOut()
    {
        const string password = "agent-s10-tracking";
        var agent = await app.CreateStaffAsync("agent", team: "Tier 1", password: password);
        var customer = await app.Admin.PostJsonAsync<JsonElement>("/api/customers", new { name = "Marta Olsen", phones = new[] { "+1 555-301-2299" } });
        var ups = TestTrackingNumbers.NewUps();
        await app.Admin.PostJsonAsync<JsonElement>("/api/orders", new
        {
            number = "C-7305",
            customerId = customer.GetProperty("id").GetGuid(),
            total = new { amount = "80.00", currency = "USD" },
            shipments = new[] { new { shippingNumber = ups } },
        });

        var page = await app.SignInAsync(agent.Email, password);
        await page.GetByLabel("Find customer").FillAsync("Marta " + ups.ToLowerInvariant());
        await page.GetByLabel("Find customer").PressAsync("Enter");
        var first = page.Locator("table.search-results tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("Marta Olsen");
        await Assertions.Expect(first).ToContainTextAsync($"name, tracking {ups} (order C-7305)");

        await page.GetByLabel("Find customer").FillAsync("c-7305");
        await page.GetByLabel("Find customer").PressAsync("Enter");
        await Assertions.Expect(page.Locator("table.search-results tbody tr").First).ToContainTextAsync("order C-7305");
    }
}
