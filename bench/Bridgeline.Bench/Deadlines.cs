using System.Diagnostics;
using Bridgeline.Data;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Bench;

/// <summary>
/// The deadline worker at scale: with every open case carrying a clock, a batch of running clocks is made due
/// now and the database is watched until the server has acted on each breach. Reported per batch size: how long
/// after its due time a breach was acted on. Bigger batches show the cost follows the number due, not the
/// number open.
/// </summary>
public sealed class Deadlines(BridgelineDb db)
{
    private static readonly int[] BatchSizes = [100, 1_000, 5_000];

    public async Task<Report> RunAsync(CancellationToken ct)
    {
        var running = await db.Set<SlaClock>().CountAsync(c => c.State == SlaClockState.Running, ct);
        var report = new Report($"Deadline worker: breaches made due at once, {running:N0} running clocks", ["due at once", "acted on", "p50 s after due", "p95 s after due", "all done s"]);
        var random = new Random(11);
        foreach (var size in BatchSizes)
        {
            // Clocks not due for a while, so nothing else touches them during the measurement.
            var horizon = TimeProvider.System.GetUtcNow().AddHours(6);
            var candidates = await db.Set<SlaClock>().AsNoTracking()
                .Where(c => c.State == SlaClockState.Running && c.NextDueAt > horizon)
                .OrderBy(c => c.NextDueAt).Select(c => c.Id).Take(size * 4).ToListAsync(ct);
            var ids = candidates.OrderBy(_ => random.Next()).Take(size).ToList();
            if (ids.Count < size)
            {
                report.Row(size, $"only {ids.Count} clocks available", double.NaN, double.NaN, double.NaN);
                continue;
            }

            var due = TimeProvider.System.GetUtcNow();
            await db.Set<SlaClock>().Where(c => ids.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextDueAt, due).SetProperty(c => c.BreachAt, due).SetProperty(c => c.DueStage, SlaDueStage.Breach), ct);
            var started = Stopwatch.StartNew();
            var pending = ids.ToHashSet();
            var lags = new Samples();
            while (pending.Count > 0 && started.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(100, ct);
                var done = await db.Set<SlaClock>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.BreachedAt != null).Select(c => c.Id).ToListAsync(ct);
                foreach (var id in done.Where(pending.Remove))
                {
                    lags.Add(started.Elapsed.TotalSeconds);
                }
            }

            report.Row(size, lags.Count, lags.Percentile(50), lags.Percentile(95), pending.Count == 0 ? started.Elapsed.TotalSeconds : double.NaN);
            Console.WriteLine($"  {size} due at once: all acted on in {started.Elapsed.TotalSeconds:N1} s ({pending.Count} left)");
        }

        return report;
    }
}
