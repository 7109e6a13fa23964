using Bridgeline.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddBridgeline();
var app = builder.Build();

if (args.Contains("migrate", StringComparer.Ordinal))
{
    await Bootstrap.MigrateAsync(app.Services);
    Console.WriteLine("The database is up to date.");
    return;
}

if (args.Contains(Bridgeline.Orders.ImportOrdersCommand.Name, StringComparer.Ordinal))
{
    await Bootstrap.PrepareAsync(app.Services);
    Environment.ExitCode = await Bridgeline.Orders.ImportOrdersCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
    return;
}

await Bootstrap.PrepareAsync(app.Services);
app.UseBridgeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
