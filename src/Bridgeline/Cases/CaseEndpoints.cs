using System.Security.Claims;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bridgeline.Cases;

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");

        cases.MapPost("/", CreateCase).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Open a case for a customer, with the customer's first message if there is one.");
        cases.MapGet("/", ListCases)
            .WithSummary("List cases, newest first. Filters: status (comma-separated), owner (me, none, id, email), team, priority, reason, q, customerId.")
            .RequireAuthorization(Policies.Staff);
        cases.MapGet("/{number}", GetCase).WithSummary("A case by its number (BL-10001).")
            .RequireAuthorization(Policies.Staff);
        cases.MapPatch("/{number}", UpdateCase)
            .WithSummary("Change status, priority, team, owner, contact reason, tags or subject. Invalid status moves get 409 naming the allowed ones.")
            .RequireAuthorization(Policies.Staff);
        cases.MapGet("/{number}/timeline", CaseTimeline).WithSummary("The case's interactions, newest first, paged by cursor.")
            .RequireAuthorization(Policies.Staff);
        cases.MapGet("/{number}/audit", CaseAudit).WithSummary("Who changed what on the case, when, and why.")
            .RequireAuthorization(Policies.Staff);
        cases.MapPost("/{number}/messages", AddMessage).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Add an inbound or outbound message.");
        cases.MapPost("/{number}/notes", AddNote).WithIdempotency()
            .WithSummary("Add an internal note or a wrap-up (kind: internal | wrapup).")
            .RequireAuthorization(Policies.Staff);
        cases.MapPost("/{number}/calls", LogCall).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Log a call: direction, numbers, agent, start, end and whether it dropped.");
        return app;
    }

    private static async Task<Created<CaseDto>> CreateCase(CreateCaseRequest request, CaseOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await operations.CreateAsync(request, Actor.From(user), ct);
        var dto = await CaseQueries.GetAsync(db, created.DisplayNumber, ct);
        return TypedResults.Created($"/api/cases/{dto.Number}", dto);
    }

    private static Task<Page<CaseSummary>> ListCases(
        BridgelineDb db,
        ClaimsPrincipal user,
        string? status,
        string? owner,
        string? team,
        string? priority,
        string? reason,
        string? q,
        Guid? customerId,
        bool? open,
        string? cursor,
        int? limit,
        CancellationToken ct) =>
        CaseQueries.ListAsync(db, new CaseFilter(status, owner, team, priority, reason, q, customerId, open ?? false), Actor.From(user), cursor, limit, ct);

    private static Task<CaseDto> GetCase(string number, BridgelineDb db, CancellationToken ct) => CaseQueries.GetAsync(db, number, ct);

    private static async Task<CaseDto> UpdateCase(string number, [FromBody] System.Text.Json.JsonElement body, CaseOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = CasePatch.Read(body, out var unassign);
        var updated = await operations.UpdateAsync(number, request, Actor.From(user), ct, unassign);
        return await CaseQueries.GetAsync(db, updated.DisplayNumber, ct);
    }

    private static async Task<Page<TimelineItem>> CaseTimeline(string number, string? cursor, int? limit, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await Timeline.ForCaseAsync(db, @case.Id, cursor, limit, ct);
    }

    private static async Task<List<AuditEntryDto>> CaseAudit(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await AuditQueries.ForEntityAsync(db, "case", @case.Id, ct);
    }

    private static async Task<Created<TimelineItem>> AddMessage(string number, AddMessageRequest request, InteractionOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        Created(number, await operations.AddMessageAsync(number, request, Actor.From(user), ct));

    private static async Task<Created<TimelineItem>> AddNote(string number, AddNoteRequest request, InteractionOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        Created(number, await operations.AddNoteAsync(number, request, Actor.From(user), ct));

    private static async Task<Created<TimelineItem>> LogCall(string number, LogCallRequest request, InteractionOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        Created(number, await operations.LogCallAsync(number, request, Actor.From(user), ct));

    private static Created<TimelineItem> Created(string number, Interaction interaction)
    {
        Case.TryParseNumber(number, out var n);
        return TypedResults.Created($"/api/cases/{Case.FormatNumber(n)}/timeline#{interaction.Id}", TimelineItem.From(interaction, n));
    }
}
