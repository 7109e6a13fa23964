using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Customers.Matching;

/// <summary>
/// Gives customers stored before the search keys existed (or written around the API, e.g. by a bulk load)
/// their name keys and phone suffixes, so the search finds them too. Runs at start and every ten minutes,
/// walking customers by id in batches; idempotent, and safe on several nodes (a lost race is retried next tick).
/// </summary>
internal sealed class SearchKeyBackfill(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SearchKeyBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Filling customer search keys failed; it will run again in ten minutes.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RunOnceAsync(CancellationToken ct)
    {
        Guid? after = null;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
            var query = db.Customers.Where(c => c.MergedIntoId == null && !db.Set<CustomerNameKey>().Any(k => k.CustomerId == c.Id));
            if (after is { } last)
            {
                query = query.Where(c => c.Id.CompareTo(last) > 0);
            }

            var customers = await query.OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
            if (customers.Count == 0)
            {
                break;
            }

            foreach (var customer in customers)
            {
                await CustomerNameKeys.ReplaceAsync(db, customer, ct);
            }

            await db.SaveChangesAsync(ct);
            after = customers[^1].Id;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
            var phones = await db.CustomerPhones.Where(p => p.Suffix == "" && p.IsVerified).Take(10_000).ToListAsync(ct);
            foreach (var phone in phones)
            {
                phone.Suffix = Phones.Suffix(phone.Number);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
