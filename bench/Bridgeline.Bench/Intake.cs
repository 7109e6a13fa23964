using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using Bridgeline.Audit;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bridgeline.Bench;

/// <summary>
/// Cases with their first message, created by many concurrent clients through the real API (authenticated,
/// with an idempotency key), and — in the same run — the same rows inserted directly, one transaction per
/// case: the database's own limit, against which the API is judged.
/// </summary>
public sealed class Intake(BenchOptions options, Floor floor, BridgelineDb model, ServerProcess server)
{
    private const string Body = "My order C-1001 was supposed to arrive last week and the tracking has not moved since the label was created.";

    public async Task<Report> RunAsync(CancellationToken ct)
    {
        var report = new Report("Intake: create a case with its first message", ["clients", "API cases/s", "API p50 ms", "API p95 ms", "API p99 ms", "direct cases/s", "direct p50 ms", "direct p99 ms", "API / direct"]);
        using var client = server.Client(ServerProcess.AdminKey);
        await RunApiAsync(client, 4, TimeSpan.FromSeconds(Math.Min(2, options.Seconds)), ct); // warm-up: JIT, pools, caches
        foreach (var clients in options.Clients)
        {
            var api = await RunApiAsync(client, clients, TimeSpan.FromSeconds(options.Seconds), ct);
            var direct = await RunDirectAsync(clients, TimeSpan.FromSeconds(options.Seconds), ct);
            report.Row(clients, api.Rate, api.Latency.Percentile(50), api.Latency.Percentile(95), api.Latency.Percentile(99),
                direct.Rate, direct.Latency.Percentile(50), direct.Latency.Percentile(99), $"{api.Rate / direct.Rate:P0}");
            Console.WriteLine($"  {clients,3} clients: API {api.Rate:N0}/s, direct {direct.Rate:N0}/s");
        }

        return report;
    }

    private async Task<(double Rate, Samples Latency)> RunApiAsync(HttpClient client, int clients, TimeSpan duration, CancellationToken ct)
    {
        var latency = new Samples();
        var count = 0;
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker);
            while (stopwatch.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
                {
                    Content = JsonContent.Create(new
                    {
                        customerId = floor.Customers[random.Next(floor.Customers.Count)],
                        subject = "Where is my order C-1001?",
                        channel = "email",
                        body = Body,
                        team = floor.Teams[random.Next(floor.Teams.Count)],
                    }),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref count);
                }
                else if (Interlocked.Increment(ref failures) == 1)
                {
                    Console.Error.WriteLine($"API intake failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
        }));
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} API intake requests failed.");
        }

        return (count / stopwatch.Elapsed.TotalSeconds, latency);
    }

    private async Task<(double Rate, Samples Latency)> RunDirectAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var latency = new Samples();
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        var connectionString = model.Database.GetConnectionString()!;
        var isPostgres = model is PostgresBridgelineDb;
        var cases = new RowWriter<Case>(model, leaveGeneratedToDatabase: isPostgres);
        var interactions = new RowWriter<Interaction>(model);
        var audits = new RowWriter<AuditEntry>(model);
        var keys = new RowWriter<IdempotencyRecord>(model);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(1000 + worker);
            await using DbConnection connection = isPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            if (!isPostgres)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
                await pragma.ExecuteNonQueryAsync(ct);
            }

            await using var insertCase = cases.PrepareInsert(connection);
            await using var insertInteraction = interactions.PrepareInsert(connection);
            await using var insertAudit = audits.PrepareInsert(connection);
            await using var insertKey = keys.PrepareInsert(connection);
            await using var nextNumber = connection.CreateCommand();
            nextNumber.CommandText = "UPDATE counters SET value = value + 1 WHERE name = 'case_number' RETURNING value";
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var now = TimeProvider.System.GetUtcNow();
                var customerId = floor.Customers[random.Next(floor.Customers.Count)];
                var @case = new Case { CustomerId = customerId, Subject = "Where is my order C-1001?", Channel = Channel.Email, CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
                await using var transaction = await connection.BeginTransactionAsync(ct);
                if (!isPostgres)
                {
                    nextNumber.Transaction = transaction;
                    @case.Number = Convert.ToInt64(await nextNumber.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                }

                foreach (var (command, bind) in new (DbCommand, Action<DbCommand>)[]
                {
                    (insertCase, c => cases.Bind(c, @case)),
                    (insertInteraction, c => interactions.Bind(c, new Interaction { CustomerId = customerId, CaseId = @case.Id, Kind = InteractionKind.Message, Channel = Channel.Email, Direction = Direction.Inbound, Body = Body, AuthorName = "Customer", OccurredAt = now, RecordedAt = now })),
                    (insertAudit, c => audits.Bind(c, new AuditEntry { At = now, ActorName = "bench", EntityType = "case", EntityId = @case.Id.ToString(), Action = "created", Changes = [new FieldChange("subject", null, @case.Subject)] })),
                    (insertKey, c => keys.Bind(c, new IdempotencyRecord { Key = "bench:" + Guid.NewGuid(), RequestHash = new string('a', 64), StatusCode = 201, ResponseBody = new string('x', 600), Location = "/api/cases/BL-1", CreatedAt = now })),
                })
                {
                    command.Transaction = transaction;
                    bind(command);
                    await command.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }
        }));
        return (count / stopwatch.Elapsed.TotalSeconds, latency);
    }
}
