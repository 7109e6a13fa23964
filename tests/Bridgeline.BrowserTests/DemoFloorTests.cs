using Bridgeline.Demo;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>What a newcomer sees after <c>dotnet run</c>: the demo floor, signed in as the demo agent.</summary>
public sealed class DemoFloorTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    [Fact]
    public async Task DemoAgent_SeesTheirCasesAndTheDroppedCallOnTheCase()
    {
        var page = await app.SignInAsync("agent@demo.bridgeline", DemoData.Password);

        await page.GotoAsync("/?view=mine");
        var order = page.GetByRole(AriaRole.Link, new() { Name = "Where is my order C-1001?" });
        await Assertions.Expect(order).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Late fee after I closed my store card")).ToHaveCountAsync(0);

        await page.GotoAsync("/?view=all");
        await Assertions.Expect(page.GetByText("Late fee after I closed my store card")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "desk");

        await page.GotoAsync("/?view=mine");

        await order.ClickAsync();
        var timeline = page.Locator(".timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Call dropped while checking the tracking number.");
        await Assertions.Expect(page.GetByText("Customer's other cases")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Account shows Basic 50 but I pay for Premium 300")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "case");
    }
}
