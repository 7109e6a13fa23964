using System.Text.Json;
using Bridgeline.Infrastructure;
using Bridgeline.Sla;
using Bridgeline.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Bridgeline.Tests.Sla;

/// <summary>
/// The app with its deadline worker's timer off, so a test decides when the worker ticks: it moves the
/// clock, then calls the tick directly, the way the timer would.
/// </summary>
public sealed class DeadlineSqliteApp : BridgelineApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DeadlineWorker.EnabledSetting, "false");
    }
}

public sealed class DeadlinePostgresApp : BridgelineApp
{
    public string SharedConnectionString => ConnectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DeadlineWorker.EnabledSetting, "false");
    }
}

/// <summary>A second server process on the database of another app: same PostgreSQL, its own services, clock and worker.</summary>
public sealed class SecondPostgresApp(string connectionString) : BridgelineApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override Task InitializeAsync()
    {
        ConnectionString = connectionString;
        _ = Server;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DeadlineWorker.EnabledSetting, "false");
    }
}

public static class DeadlineAppExtensions
{
    public static Task<int> TickAsync(this BridgelineApp app) => app.Services.GetRequiredService<DeadlineWorker>().TickAsync(CancellationToken.None);

    /// <summary>Moves the clock forward to the next given weekday at a local time in a zone.</summary>
    public static DateTimeOffset MoveToNext(this BridgelineApp app, IsoDayOfWeek day, LocalTime time, string zone)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var now = Instant.FromDateTimeOffset(app.Clock.GetUtcNow()).InZone(tz);
        var date = now.Date.Next(day);
        var target = tz.AtStrictly(date + time).ToDateTimeOffset().ToUniversalTime();
        app.Clock.SetUtcNow(target);
        return target;
    }

    public static string InZone(this DateTimeOffset at, string zone) =>
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("ddd HH:mm")
            .Format(Instant.FromDateTimeOffset(at).InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime);

    public static async Task<List<JsonElement>> NotificationsAsync(this Staff staff) =>
        await staff.Client.GetJsonAsync<List<JsonElement>>("/api/notifications?limit=200");
}
