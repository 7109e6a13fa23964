using Microsoft.EntityFrameworkCore.Storage;

namespace Bridgeline.Data;

/// <summary>
/// A transaction that joins the one already open on the context (an idempotent request's, which commits the
/// change and its remembered response together) or opens its own. Only the owner commits or rolls back.
/// </summary>
public sealed class JoinedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? owned;

    private JoinedTransaction(IDbContextTransaction? owned) => this.owned = owned;

    public static async Task<JoinedTransaction> BeginOrJoinAsync(BridgelineDb db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => owned?.RollbackAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
