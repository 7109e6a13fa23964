using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.CompanyPolicies;

public sealed record PolicyDto(Guid Id, string Code, string Name, string? Description, string? Owner, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PolicyDto From(Policy p) => new(p.Id, p.Code, p.Name, p.Description, p.Owner, p.IsActive, p.CreatedAt, p.UpdatedAt);
}

public sealed record PolicyBlockDto(
    Guid Id,
    string CaseNumber,
    string Policy,
    string PolicyName,
    PolicyBlockOutcome Outcome,
    Money? AtStake,
    string? Harm,
    string? Note,
    Guid? EscalationId,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string? OutcomeReason);

public static class PolicyEndpoints
{
    public static IServiceCollection AddPolicies(this IServiceCollection services) => services.AddScoped<PolicyOperations>();

    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/policies").WithTags("Policies");
        policies.MapGet("/", List).RequireAuthorization(Policies.Staff).WithSummary("The registry of named policies (active ones; all=true for retired too).");
        policies.MapGet("/{code}", Get).RequireAuthorization(Policies.Staff).WithSummary("One policy by its code.");
        policies.MapPost("/", Create).WithIdempotency().RequireAuthorization(Policies.Manager)
            .WithSummary("Register a policy: {code, name, description, owner}. Codes are unique (409).");
        policies.MapPut("/{code}", Update).RequireAuthorization(Policies.Manager)
            .WithSummary("Change a policy's name, description, owner or active flag; audited. The code does not change.");
        policies.MapDelete("/{code}", Retire).RequireAuthorization(Policies.Manager)
            .WithSummary("Retire a policy: no new blocks name it; what it blocked stays in the report.");

        app.MapPost("/api/cases/{number}/policy-blocks", RecordBlock).WithTags("Policies").WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Record that the customer's request was refused or escalated because of a policy: {policy (code), outcome: refused | escalated, atStake {amount,currency}, harm, note}. Escalated, the case goes up its chain as policy_blocked naming the policy.");
        app.MapGet("/api/cases/{number}/policy-blocks", CaseBlocks).WithTags("Policies").RequireAuthorization(Policies.Staff)
            .WithSummary("The policy blocks recorded on the case, newest first.");
        app.MapPatch("/api/policy-blocks/{id:guid}", SetOutcome).WithTags("Policies").RequireAuthorization(Policies.Supervisor)
            .WithSummary("How the block ended: {outcome: exception_granted | upheld | refused | escalated, reason}; on the timeline and audited.");

        var reports = app.MapGroup("/api/reports/policies").WithTags("Reports").RequireAuthorization(Policies.Manager);
        reports.MapGet("/", Report).WithSummary("Policies ranked by customers blocked, money at stake and outcomes between from and to (default: the last 90 days).");
        reports.MapGet("/{code}/cases", Cases).WithSummary("Drill-down: the cases a policy blocked in the window, newest first.");
        return app;
    }

    private static async Task<List<PolicyDto>> List(bool? all, BridgelineDb db, CancellationToken ct)
    {
        var rows = await db.Set<Policy>().AsNoTracking().Where(p => all == true || p.IsActive).ToListAsync(ct);
        return rows.OrderBy(p => p.Code, StringComparer.Ordinal).Select(PolicyDto.From).ToList();
    }

    private static async Task<PolicyDto> Get(string code, PolicyOperations operations, CancellationToken ct) => PolicyDto.From(await operations.LoadAsync(code, ct));

    private static async Task<Created<PolicyDto>> Create(PolicyRequest request, PolicyOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var policy = await operations.CreateAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/policies/{policy.Code}", PolicyDto.From(policy));
    }

    private static async Task<PolicyDto> Update(string code, PolicyRequest request, PolicyOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        PolicyDto.From(await operations.UpdateAsync(code, request, Actor.From(user), ct));

    private static async Task<NoContent> Retire(string code, PolicyOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.UpdateAsync(code, new PolicyRequest(null, null, null, null, false), Actor.From(user), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<PolicyBlockDto>> RecordBlock(string number, PolicyBlockRequest request, PolicyOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var block = await operations.RecordBlockAsync(number, request, Actor.From(user), ct);
        var dto = (await PolicyBlockQueries.ListAsync(db, db.Set<PolicyBlock>().Where(b => b.Id == block.Id), ct)).Single();
        return TypedResults.Created($"/api/cases/{dto.CaseNumber}/policy-blocks#{dto.Id}", dto);
    }

    private static async Task<List<PolicyBlockDto>> CaseBlocks(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await PolicyBlockQueries.ListAsync(db, db.Set<PolicyBlock>().Where(b => b.CaseId == @case.Id), ct);
    }

    private static async Task<PolicyBlockDto> SetOutcome(Guid id, PolicyOutcomeRequest request, PolicyOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var block = await operations.SetOutcomeAsync(id, request, Actor.From(user), ct);
        return (await PolicyBlockQueries.ListAsync(db, db.Set<PolicyBlock>().Where(b => b.Id == block.Id), ct)).Single();
    }

    private static async Task<PolicyReportDto> Report(DateTimeOffset? from, DateTimeOffset? to, BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var (start, end) = PolicyReport.Window(from, to, clock.GetUtcNow());
        return await PolicyReport.RankAsync(db, start, end, ct);
    }

    private static async Task<List<PolicyCaseDto>> Cases(string code, DateTimeOffset? from, DateTimeOffset? to, BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var (start, end) = PolicyReport.Window(from, to, clock.GetUtcNow());
        return await PolicyReport.CasesAsync(db, code, start, end, ct);
    }
}

public static class PolicyBlockQueries
{
    public static async Task<List<PolicyBlockDto>> ListAsync(BridgelineDb db, IQueryable<PolicyBlock> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Join(db.Set<Policy>(), b => b.PolicyId, p => p.Id, (b, p) => new { b, p.Code, p.Name })
            .Join(db.Cases, x => x.b.CaseId, c => c.Id, (x, c) => new { x.b, x.Code, x.Name, c.Number })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.b.RecordedAt).Select(x => new PolicyBlockDto(
            x.b.Id, Case.FormatNumber(x.Number), x.Code, x.Name, x.b.Outcome,
            x.b.AtStakeAmount is { } a ? Money.Of(a, x.b.AtStakeCurrency!) : null,
            x.b.Harm, x.b.Note, x.b.EscalationId, x.b.RecordedByName, x.b.RecordedAt, x.b.OutcomeReason)).ToList();
    }
}
