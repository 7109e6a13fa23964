using System.Net;
using Bridgeline.Infrastructure;
using Bridgeline.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bridgeline.BrowserTests;

/// <summary>
/// Bridgeline served by Kestrel on 127.0.0.1 (a real socket, so a real browser can reach it),
/// on a fresh SQLite database, and one headless Chromium shared by the tests of a class.
/// </summary>
public class BrowserApp : BridgelineApp
{
    private IPlaywright? playwright;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    protected override Uri ClientBaseAddress => new(BaseUrl);

    public override async Task InitializeAsync()
    {
        ConnectionString = TestDatabases.NewSqlite();

        // The browser keeps cookies by its own clock: start the server's clock at the real time
        // so a sign-in cookie is not already expired for the browser. Tests may still move it.
        Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Saves a screenshot when BRIDGELINE_SCREENSHOTS names a folder (the README's pictures are made this way).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("BRIDGELINE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies), signed in as the given staff member.</summary>
    public async Task<IPage> SignInAsync(string email, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Sign-in as {email} stayed on {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        }
        return page;
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("BRIDGELINE_CHROMIUM");
        var path = string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium not found at {path}: apt-get install chromium, or set BRIDGELINE_CHROMIUM.");
    }
}

/// <summary>The server with the demo floor seeded, as <c>dotnet run</c> starts it.</summary>
public sealed class DemoBrowserApp : BrowserApp
{
    protected override bool SeedDemoData => true;
}
