using System.Text.Json;
using Bridgeline.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bridgeline.Orders;

/// <summary>
/// A carrier that must be asked for its events rather than pushing them. Each source returns what it
/// has; ingestion is idempotent, so returning an event again on the next poll does no harm.
/// </summary>
public interface ICarrierEventSource
{
    string Name { get; }

    Task<IReadOnlyList<CarrierEventRequest>> FetchAsync(CancellationToken ct);
}

/// <summary>"Bridgeline:Tracking:Polling": how often to poll, and the local JSON feeds to read.</summary>
public sealed class CarrierPollingOptions
{
    public const string Section = "Bridgeline:Tracking:Polling";

    public int IntervalSeconds { get; set; } = 300;

    /// <summary>Paths of JSON files holding an array of carrier events (the same shape as POST /api/carrier-events).</summary>
    public List<string> JsonFeeds { get; set; } = [];
}

/// <summary>Reads events from a local JSON file: for tests, demos, and as the pattern for a real carrier's adapter.</summary>
public sealed class JsonFileCarrierEventSource(string path) : ICarrierEventSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "json:" + path;

    public async Task<IReadOnlyList<CarrierEventRequest>> FetchAsync(CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<CarrierEventRequest>>(stream, Json, ct) ?? [];
    }
}

/// <summary>Polls every configured source on a timer, in a fresh scope per tick, and records what it finds.</summary>
public sealed class CarrierPollingWorker(IServiceScopeFactory scopes, IOptions<CarrierPollingOptions> options, IEnumerable<ICarrierEventSource> registered, TimeProvider clock, ILogger<CarrierPollingWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sources = registered.Concat(options.Value.JsonFeeds.Select(p => new JsonFileCarrierEventSource(p))).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.IntervalSeconds)), clock);
        do
        {
            await PollOnceAsync(sources, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PollOnceAsync(IReadOnlyList<ICarrierEventSource> sources, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            try
            {
                var events = await source.FetchAsync(ct);
                for (var i = 0; i < events.Count; i += RecordCarrierEvents.MaxBatch)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var record = scope.ServiceProvider.GetRequiredService<RecordCarrierEvents>();
                    var result = await record.RecordAsync(events.Skip(i).Take(RecordCarrierEvents.MaxBatch).ToList(), ct);
                    if (result.Errors.Count > 0)
                    {
                        log.LogWarning("Carrier feed {Source}: {Count} events refused, first at index {Index}", source.Name, result.Errors.Count, result.Errors[0].Index + i);
                    }
                }
            }
            catch (Exception e) when (e is IOException or JsonException or BridgelineProblem)
            {
                log.LogWarning(e, "Carrier feed {Source} could not be read", source.Name);
            }
        }
    }
}

public static class OrdersSetup
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackingOptions>(configuration.GetSection(TrackingOptions.Section));
        services.Configure<CarrierPollingOptions>(configuration.GetSection(CarrierPollingOptions.Section));
        services.AddScoped<OrderOperations>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<RecordCarrierEvents>();
        services.AddScoped<OrdersDemo>();
        services.AddHostedService<CarrierPollingWorker>();
        return services;
    }
}
