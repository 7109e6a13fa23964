using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Bridgeline.Orders.Tracking;

namespace Bridgeline.Bench;

/// <summary>
/// Carrier event ingestion through <c>POST /api/carrier-events</c> in batches of 500, by one and by four
/// clients, for shipments created first through the bulk order API. Every event is new, so each is parsed,
/// deduplicated against what is stored, matched to its shipment and stored.
/// </summary>
public sealed class CarrierEvents(BenchOptions options, Floor floor, ServerProcess server)
{
    private const int BatchSize = 500;
    private const int Shipments = 2_000;

    private static readonly (string Code, string Description)[] Scans =
    [
        ("MP", "Shipper created a label, UPS has not received the package yet"),
        ("OR", "Origin scan"),
        ("AR", "Arrived at facility"),
        ("DP", "Departed from facility"),
        ("OT", "Out for delivery today"),
        ("KB", "Delivered"),
    ];

    public async Task<Report> RunAsync(CancellationToken ct)
    {
        using var client = server.Client(ServerProcess.AdminKey);
        var numbers = await CreateShipmentsAsync(client, ct);
        var report = new Report($"Carrier events: batches of {BatchSize} new events for {numbers.Count:N0} shipments", ["clients", "events/s", "batch p50 ms", "batch p95 ms", "batch p99 ms"]);
        var sequence = 0L;
        foreach (var clients in options.Clients.Where(c => c <= 4).DefaultIfEmpty(1))
        {
            var latency = new Samples();
            var events = 0L;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
            {
                var random = new Random(worker);
                while (stopwatch.Elapsed.TotalSeconds < options.Seconds)
                {
                    var batch = Enumerable.Range(0, BatchSize).Select(_ =>
                    {
                        var n = Interlocked.Increment(ref sequence);
                        var (code, description) = Scans[(int)(n % Scans.Length)];
                        return new
                        {
                            trackingNumber = numbers[random.Next(numbers.Count)],
                            carrier = "ups",
                            code,
                            description,
                            location = "Louisville, KY",
                            occurredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n),
                        };
                    }).ToList();
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsJsonAsync("/api/carrier-events", new { events = batch }, ct);
                    response.EnsureSuccessStatusCode();
                    latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Add(ref events, BatchSize);
                }
            }));
            var rate = events / stopwatch.Elapsed.TotalSeconds;
            report.Row(clients, rate, latency.Percentile(50), latency.Percentile(95), latency.Percentile(99));
            Console.WriteLine($"  {clients} clients: {rate:N0} carrier events/s");
        }

        return report;
    }

    private async Task<List<string>> CreateShipmentsAsync(HttpClient client, CancellationToken ct)
    {
        var numbers = new List<string>();
        var random = new Random(3);
        var run = random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        for (var start = 0; start < Shipments; start += 200)
        {
            var orders = Enumerable.Range(start, 200).Select(i =>
            {
                var body = "BEN" + run[..3] + "03" + i.ToString("D7", CultureInfo.InvariantCulture);
                var tracking = "1Z" + body + TrackingNumbers.UpsCheckDigit(body).ToString(CultureInfo.InvariantCulture);
                numbers.Add(tracking);
                return new
                {
                    number = $"B-{run}-{i}",
                    customerId = floor.Customers[random.Next(floor.Customers.Count)],
                    total = new { amount = "80.00", currency = "USD" },
                    status = "shipped",
                    shipments = new[] { new { shippingNumber = tracking, carrier = "ups", serviceLevel = "ground" } },
                };
            }).ToList();
            using var response = await client.PostAsJsonAsync("/api/orders/bulk", new { orders }, ct);
            response.EnsureSuccessStatusCode();
        }

        return numbers;
    }
}
