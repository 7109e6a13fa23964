using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Infrastructure;

/// <summary>
/// Runs an operation again from a fresh read when another writer changed the same row first
/// (optimistic concurrency). Two agents assigning one case both succeed, one after the other,
/// and each audit entry records the owner it really replaced.
/// </summary>
public static class ConcurrencyRetry
{
    public static async Task<T> RunAsync<T>(BridgelineDb db, Func<Task<T>> operation, CancellationToken ct, int attempts = 5)
    {
        // Entities added before the operation (an idempotency record) belong to the same unit of work.
        var carried = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                db.ChangeTracker.Clear();
                foreach (var entity in carried)
                {
                    db.Add(entity);
                }

                await Task.Delay(Random.Shared.Next(5, 25) * attempt, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictProblem("The record kept changing while this request was applied. Reload and try again.");
            }
        }
    }
}
