using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bridgeline.Auth;
using Bridgeline.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Infrastructure;

/// <summary>
/// Honours "Idempotency-Key" on creating POSTs: a retried request gets the first response back and
/// creates nothing twice. The key's record is inserted in the same transaction as what the request
/// creates, so a concurrent duplicate fails on the key's unique index and nothing half-exists.
/// </summary>
internal sealed class IdempotencyFilter(BridgelineDb db, TimeProvider clock, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? key = http.Request.Headers[Header];
        if (string.IsNullOrWhiteSpace(key))
        {
            return await next(context);
        }

        if (key.Length > 200)
        {
            throw ValidationFailed.For(Header, "Must be at most 200 characters.");
        }

        var scoped = Actor.From(http.User).IdentityKey + ":" + key.Trim();
        var hash = await HashRequestAsync(http.Request);
        var ct = http.RequestAborted;

        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == scoped, ct);
        if (existing is not null)
        {
            return Replay(existing, hash);
        }

        // The change and the response remembered for its replay commit together: one commit per request, and a
        // retry never finds a key whose work is done but whose answer is missing.
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        var record = new IdempotencyRecord { Key = scoped, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
        db.IdempotencyRecords.Add(record);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Most likely the same key raced in from another request, which has committed by now.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == scoped, ct);
            if (existing is not null)
            {
                return Replay(existing, hash);
            }

            throw;
        }
        finally
        {
            if (db.Entry(record).State == EntityState.Added)
            {
                // The request created nothing (it was refused): nothing to remember.
                db.Entry(record).State = EntityState.Detached;
            }
        }

        if (db.Entry(record).State != EntityState.Detached && result is IResult)
        {
            record.StatusCode = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            record.ResponseBody = result is IValueHttpResult { Value: { } value }
                ? JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions)
                : null;
            record.Location = result switch
            {
                Created<object> c => c.Location,
                _ => result.GetType().GetProperty("Location")?.GetValue(result) as string,
            };
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return result;
    }

    private static IResult Replay(IdempotencyRecord record, string hash)
    {
        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            throw new UnprocessableProblem($"This {Header} was already used with a different request. Use a new key for a new request.");
        }

        if (record.StatusCode is null)
        {
            throw new ConflictProblem($"A request with this {Header} is still being processed. Retry shortly.");
        }

        return new ReplayedResult(record.StatusCode.Value, record.ResponseBody, record.Location);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path + "\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed class ReplayedResult(int status, string? body, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            if (body is not null)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Marks a creating POST as honouring Idempotency-Key.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(new IdempotentEndpoint());

    /// <summary>Buffers the body of keyed POSTs so the filter can hash exactly what was sent.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            {
                context.Request.EnableBuffering();
            }

            await next(context);
        });
}

public sealed class IdempotentEndpoint;

/// <summary>Forgets idempotency keys after a day, like the payment APIs that made the header common.</summary>
internal sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
                var cutoff = clock.GetUtcNow().AddDays(-1);
                await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Idempotency cleanup failed; it will run again next hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
