using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Actions;

public static class ActionEndpoints
{
    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/api/cases/{number}/actions").WithTags("Resolution actions");
        actions.MapPost("/", CreateAction).WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Do something for the customer: refund, partial_refund, credit, fee_reversal, reship, shipping_upgrade_no_charge, replacement. Executed at once or held for approval; on the timeline and audited.");
        actions.MapGet("/", ListActions).RequireAuthorization(Policies.Staff)
            .WithSummary("The case's resolution actions, oldest first, each with the actions done as part of it.");
        return app;
    }

    private static async Task<Created<ActionDto>> CreateAction(string number, CreateActionRequest request, RecordResolutionAction record, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var action = await record.RecordAsync(number, request, Actor.From(user), ct);
        var dto = (await ActionQueries.ForCaseAsync(db, number, ct)).Single(a => a.Id == action.Id);
        return TypedResults.Created($"/api/cases/{dto.CaseNumber}/actions#{dto.Id}", dto);
    }

    private static Task<List<ActionDto>> ListActions(string number, BridgelineDb db, CancellationToken ct) => ActionQueries.ForCaseAsync(db, number, ct);
}

public static class ActionQueries
{
    public static async Task<List<ActionDto>> ForCaseAsync(BridgelineDb db, string caseNumber, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var rows = await db.Set<ResolutionAction>().AsNoTracking().Where(a => a.CaseId == @case.Id).ToListAsync(ct);
        rows = rows.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        ActionDto ToDto(ResolutionAction a) => new(
            a.Id,
            @case.DisplayNumber,
            a.Kind,
            a.Status,
            a.Amount is { } amount ? Money.Of(amount, a.Currency ?? "") : null,
            new ActionTargetDto(a.TargetType, a.Target),
            a.ServiceLevel,
            a.Reason,
            a.PartOfId,
            a.ExecutionReference,
            a.RequestedByName,
            a.CreatedAt,
            a.ExecutedAt,
            rows.Where(r => r.PartOfId == a.Id).Select(ToDto).ToList());
        return rows.Where(a => a.PartOfId is null).Select(ToDto).ToList();
    }
}
