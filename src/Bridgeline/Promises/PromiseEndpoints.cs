using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Promises;

public sealed record PromiseDto(
    Guid Id,
    string CaseNumber,
    string CaseSubject,
    NamedRef Owner,
    PromiseKind Kind,
    string Text,
    DateTimeOffset MadeAt,
    DateTimeOffset DueAt,
    DateTimeOffset RemindAt,
    PromiseState State,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? KeptAt,
    DateTimeOffset? BrokenAt,
    string? CancelReason);

public static class PromiseEndpoints
{
    public static IEndpointRouteBuilder MapPromiseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{number}/promises", Make).WithTags("Promises").WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Promise the customer something by a time: kind callback | email | refund_arrives | other, dueAt, owner (default: me), remindMinutesBefore (default 15).");
        app.MapGet("/api/cases/{number}/promises", ForCase).WithTags("Promises").RequireAuthorization(Policies.Staff)
            .WithSummary("The case's promises, soonest due first.");

        var promises = app.MapGroup("/api/promises").WithTags("Promises").RequireAuthorization(Policies.Staff);
        promises.MapGet("/", List).WithSummary("Promises by owner (me, id, email; default me) and state (open, kept, broken, cancelled; default open), soonest due first.");
        promises.MapPost("/{id:guid}/kept", Kept).WithSummary("Mark a promise kept.");
        promises.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel a promise with a reason.");
        return app;
    }

    private static async Task<Created<PromiseDto>> Make(string number, MakePromiseRequest request, PromiseOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var promise = await operations.MakeAsync(number, request, Actor.From(user), ct);
        var dto = (await PromiseQueries.ListAsync(db, p => p.Id == promise.Id, ct)).Single();
        return TypedResults.Created($"/api/cases/{dto.CaseNumber}/promises#{dto.Id}", dto);
    }

    private static async Task<List<PromiseDto>> ForCase(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await PromiseQueries.ListAsync(db, p => p.CaseId == @case.Id, ct);
    }

    private static async Task<List<PromiseDto>> List(BridgelineDb db, ClaimsPrincipal user, string? owner, string? state, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var v = new Validator();
        var s = v.Enum<PromiseState>("state", state, required: false) ?? PromiseState.Open;
        var ownerId = string.IsNullOrWhiteSpace(owner) ? actor.UserId : await Staff.ResolveUserIdAsync(db, owner, actor, ct);
        if (ownerId is null)
        {
            v.Add("owner", $"No staff user '{owner}'.");
        }

        v.ThrowIfInvalid();
        return await PromiseQueries.ListAsync(db, p => p.OwnerId == ownerId && p.State == s, ct);
    }

    private static async Task<PromiseDto> Kept(Guid id, PromiseOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.KeepAsync(id, Actor.From(user), ct);
        return (await PromiseQueries.ListAsync(db, p => p.Id == id, ct)).Single();
    }

    private static async Task<PromiseDto> Cancel(Guid id, CancelPromiseRequest request, PromiseOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.CancelAsync(id, request, Actor.From(user), ct);
        return (await PromiseQueries.ListAsync(db, p => p.Id == id, ct)).Single();
    }
}

public static class PromiseQueries
{
    public static async Task<List<PromiseDto>> ListAsync(BridgelineDb db, System.Linq.Expressions.Expression<Func<Promise, bool>> filter, CancellationToken ct, int limit = 500)
    {
        var rows = await db.Set<Promise>().AsNoTracking().Where(filter)
            .Join(db.Cases, p => p.CaseId, c => c.Id, (p, c) => new { p, c.Number, c.Subject })
            .Join(db.Users, x => x.p.OwnerId, u => u.Id, (x, u) => new { x.p, x.Number, x.Subject, OwnerName = u.Name })
            .OrderBy(x => x.p.DueAt).Take(limit).ToListAsync(ct);
        return rows.Select(x => new PromiseDto(
            x.p.Id, Case.FormatNumber(x.Number), x.Subject, new NamedRef(x.p.OwnerId, x.OwnerName), x.p.Kind, x.p.Text, x.p.MadeAt, x.p.DueAt, x.p.RemindAt,
            x.p.State, x.p.RemindedAt, x.p.KeptAt, x.p.BrokenAt, x.p.CancelReason)).ToList();
    }
}
