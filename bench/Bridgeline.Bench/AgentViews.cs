using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bridgeline.Bench;

/// <summary>
/// What agents and managers open all day, against the generated floor through the real API, each with
/// random targets: latency percentiles per view. Views whose endpoint this build does not have are skipped.
/// </summary>
public sealed class AgentViews(BenchOptions options, Floor floor, ServerProcess server)
{
    public async Task<Report> RunAsync(CancellationToken ct)
    {
        var report = new Report("Agent views (one client, random targets)", ["view", "requests", "p50 ms", "p95 ms", "p99 ms"]);
        using var admin = server.Client(ServerProcess.AdminKey);
        var agents = new List<(HttpClient Client, string Team)>();
        foreach (var agent in floor.Agents.Take(20))
        {
            using var issued = await admin.PostAsJsonAsync($"/api/users/{agent.Id}/api-keys", new { name = "bench" }, ct);
            issued.EnsureSuccessStatusCode();
            var key = (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("key").GetString()!;
            agents.Add((server.Client(key), agent.Team));
        }

        var random = new Random(7);
        (HttpClient Client, string Team) AnyAgent() => agents[random.Next(agents.Count)];
        string AnyCase() => "BL-" + floor.CaseNumbers[random.Next(floor.CaseNumbers.Count)];
        Guid AnyCustomer() => floor.Customers[random.Next(floor.Customers.Count)];

        var views = new (string Name, Func<Task<string[]>> Urls, Func<HttpClient> Client)[]
        {
            ("My open cases, first page", () => Task.FromResult(new[] { "/api/cases?owner=me&open=true&limit=25" }), () => AnyAgent().Client),
            ("Team queue (new and open)", () => Task.FromResult(new[] { $"/api/cases?team={Uri.EscapeDataString(floor.Teams[random.Next(floor.Teams.Count)])}&status=new,open&limit=25" }), () => admin),
            ("Case page: case + timeline", () => { var n = AnyCase(); return Task.FromResult(new[] { $"/api/cases/{n}", $"/api/cases/{n}/timeline?limit=25" }); }, () => admin),
            ("Customer timeline", () => Task.FromResult(new[] { $"/api/customers/{AnyCustomer()}/timeline?limit=25" }), () => admin),
            ("Customer by phone, typed in another format", async () => new[] { $"/api/customers?phone={Uri.EscapeDataString(await OtherFormatAsync(admin, AnyCustomer(), ct))}" }, () => admin),
            ("Case list text filter \"refund\"", () => Task.FromResult(new[] { "/api/cases?q=refund&limit=25" }), () => admin),
            ("Customer search, typo'd name", () => Task.FromResult(new[] { "/api/customers/search?q=" + Uri.EscapeDataString(Typo(floor, random)) }), () => admin),
            ("Customer search, phone in another format", async () => new[] { "/api/customers/search?q=" + Uri.EscapeDataString(await OtherFormatAsync(admin, AnyCustomer(), ct)) }, () => admin),
            ("Full-text search, one or two words", () => Task.FromResult(new[] { "/api/search?q=" + Uri.EscapeDataString(Words[random.Next(Words.Length)]) }), () => admin),
            ("Full-text search \"blah\" (S1)", () => Task.FromResult(new[] { "/api/search?q=blah" }), () => admin),
            ("Manager: floor (open by team and reason, breaches today)", () => Task.FromResult(new[] { "/api/reports/floor" }), () => admin),
            ("Manager: aging (open > 7 days)", () => Task.FromResult(new[] { "/api/reports/aging?days=7" }), () => admin),
        };

        foreach (var (name, urls, client) in views)
        {
            var latency = new Samples();
            var skipped = false;
            for (var i = 0; i < options.Samples + 10 && !skipped; i++)
            {
                var targets = await urls();
                var c = client();
                var started = Stopwatch.GetTimestamp();
                foreach (var url in targets)
                {
                    using var response = await c.GetAsync(url, ct);
                    if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && i == 0 && url.Contains("search", StringComparison.Ordinal))
                    {
                        skipped = true;
                        break;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{name}: {(int)response.StatusCode} on {url}: {await response.Content.ReadAsStringAsync(ct)}");
                    }

                    await response.Content.ReadAsByteArrayAsync(ct);
                }

                if (i >= 10 && !skipped)
                {
                    latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            if (skipped)
            {
                report.Row(name, "not in this build", double.NaN, double.NaN, double.NaN);
                continue;
            }

            report.Row(name, latency.Count, latency.Percentile(50), latency.Percentile(95), latency.Percentile(99));
            Console.WriteLine($"  {name}: p95 {latency.Percentile(95):N1} ms");
        }

        foreach (var (c, _) in agents)
        {
            c.Dispose();
        }

        return report;
    }

    /// <summary>A phone of the customer as a caller would say it: "(201) 555-0143" for +12015550143.</summary>
    private static async Task<string> OtherFormatAsync(HttpClient client, Guid customer, CancellationToken ct)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}", ct);
        var e164 = json.GetProperty("phones")[0].GetString()!;
        return e164.StartsWith("+1", StringComparison.Ordinal) && e164.Length == 12 ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}" : e164;
    }

    private static readonly string[] Words = ["refund", "carrier", "late fee", "callback", "damaged", "technician", "duplicate charge", "claims", "tracking", "supervisor"];

    private static string Typo(Floor floor, Random random)
    {
        var names = new[] { "Jon Smyth", "Micheal Jonson", "Sara Wiliams", "Cristopher Brwon", "Jennifer Gonzales", "Stephen Millar" };
        return names[random.Next(names.Length)];
    }
}
