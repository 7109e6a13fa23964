using System.Globalization;
using System.Security.Claims;
using Bridgeline.Actions;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Approvals;

public sealed record ApprovalDto(
    Guid Id,
    Guid ActionId,
    string CaseNumber,
    CaseStatus CaseStatus,
    ActionKind Kind,
    Money? Amount,
    ActionTargetDto Target,
    string? ActionReason,
    string Why,
    string RequestedBy,
    NamedRef? Assignee,
    string? RoutedVia,
    ApprovalState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    DateTimeOffset CreatedAt);

public sealed record ApprovalCountDto(int Count);

/// <summary>A role's limit (role) or a person's override (user: id or email) for one kind of action; limit {amount,currency}, or currency with unlimited true.</summary>
public sealed record AuthorityLimitRequest(string? Role, string? User, string? Kind, MoneyRequest? Limit, string? Currency, bool? Unlimited);

public sealed record AuthorityLimitDto(Guid Id, string? Role, NamedRef? User, ActionKind Kind, string Currency, Money? Limit, bool Unlimited, DateTimeOffset UpdatedAt, string? UpdatedBy);

public sealed record TakeOverRequest(string? Reason);

public sealed record LedgerEntryDto(Guid Id, Guid ActionId, ActionKind Kind, Money Amount, string Target, string Description, DateTimeOffset At);

public static class ApprovalEndpoints
{
    public static IServiceCollection AddApprovals(this IServiceCollection services) => services.AddScoped<DecideApproval>();

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var approvals = app.MapGroup("/api/approvals").WithTags("Approvals");
        approvals.MapGet("/", List).RequireAuthorization(Policies.Staff)
            .WithSummary("Approval requests, oldest first. mine=true: routed to the caller; requestedBy=me: asked by the caller; state: pending (default) | approved | denied | all.");
        approvals.MapGet("/count", Count).RequireAuthorization(Policies.Staff)
            .WithSummary("How many pending approval requests are routed to the caller (the header's count).");
        approvals.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Staff).WithSummary("One approval request.");
        approvals.MapPost("/{id:guid}/decision", Decide).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Approve or deny in one call: {decision: approve | deny, reason} (reason required to deny). Approving executes the action through the connector. The first decision wins; a later one gets 409 with the winner's decision.");
        app.MapGet("/api/cases/{number}/approvals", ForCase).WithTags("Approvals").RequireAuthorization(Policies.Staff)
            .WithSummary("The case's approval requests, newest first, with their decisions.");
        app.MapPost("/api/cases/{number}/take-over", TakeOver).WithTags("Approvals").RequireAuthorization(Policies.Supervisor)
            .WithSummary("A supervisor takes the case over: they become its owner (audited, on the timeline).");

        var limits = app.MapGroup("/api/authority-limits").WithTags("Approvals");
        limits.MapGet("/", Limits).RequireAuthorization(Policies.Staff)
            .WithSummary("Authority limits per role and the per-person overrides, per action kind and currency.");
        limits.MapPut("/", SetLimit).RequireAuthorization(Policies.Admin)
            .WithSummary("Set a limit: {role | user, kind, limit:{amount,currency}} or {role | user, kind, currency, unlimited:true}. Kinds with limits: refund, partial_refund, credit, fee_reversal.");
        limits.MapDelete("/{id:guid}", RemoveLimit).RequireAuthorization(Policies.Admin)
            .WithSummary("Remove a limit (a person's override falls back to their role's limit).");

        app.MapGet("/api/ledger", Ledger).WithTags("Resolution actions").RequireAuthorization(Policies.Staff)
            .WithSummary("Bridgeline's own ledger of executed money actions for a customer (customerId), optionally for one target (order number or charge id), newest first.");
        return app;
    }

    private static async Task<List<ApprovalDto>> List(BridgelineDb db, ClaimsPrincipal user, bool? mine, string? requestedBy, string? state, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var query = db.Set<ApprovalRequest>().AsNoTracking();
        if (mine == true)
        {
            query = query.Where(a => a.AssigneeId == actor.UserId);
        }

        if (string.Equals(requestedBy, "me", StringComparison.OrdinalIgnoreCase))
        {
            query = query.Where(a => a.RequestedById == actor.UserId);
        }

        if (!string.Equals(state, "all", StringComparison.OrdinalIgnoreCase))
        {
            var wanted = state is null ? ApprovalState.Pending : Names.TryParse<ApprovalState>(state, out var s) ? s : throw ValidationFailed.For("state", "One of pending, approved, denied, all.");
            query = query.Where(a => a.State == wanted);
        }

        return await ApprovalQueries.ToDtosAsync(db, query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(500), ct);
    }

    private static async Task<ApprovalCountDto> Count(BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = Actor.From(user).UserId;
        return new ApprovalCountDto(await db.Set<ApprovalRequest>().CountAsync(a => a.AssigneeId == me && a.State == ApprovalState.Pending, ct));
    }

    private static async Task<ApprovalDto> Get(Guid id, BridgelineDb db, CancellationToken ct) =>
        (await ApprovalQueries.ToDtosAsync(db, db.Set<ApprovalRequest>().AsNoTracking().Where(a => a.Id == id), ct)).SingleOrDefault()
        ?? throw new NotFoundProblem($"Approval request {id}");

    private static async Task<ApprovalDto> Decide(Guid id, DecisionRequest request, DecideApproval decide, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var decided = await decide.DecideAsync(id, request, Actor.From(user), ct);
        return await Get(decided.Id, db, ct);
    }

    private static async Task<List<ApprovalDto>> ForCase(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await ApprovalQueries.ToDtosAsync(db, db.Set<ApprovalRequest>().AsNoTracking().Where(a => a.CaseId == @case.Id).OrderByDescending(a => a.CreatedAt), ct);
    }

    private static async Task<CaseDto> TakeOver(string number, TakeOverRequest? request, CaseOperations cases, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var reason = request?.Reason is { Length: > 0 } r ? r : $"Taken over by {actor.Name}";
        var updated = await cases.UpdateAsync(number, new UpdateCaseRequest(null, null, null, null, "me", null, null, reason), actor, ct);
        return await CaseQueries.GetAsync(db, updated.DisplayNumber, ct);
    }

    private static async Task<List<AuthorityLimitDto>> Limits(BridgelineDb db, CancellationToken ct) => await AuthorityLimitQueries.ListAsync(db, ct);

    private static async Task<AuthorityLimitDto> SetLimit(AuthorityLimitRequest request, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await AuthorityLimitOperations.SetAsync(db, clock, request, Actor.From(user), ct);

    private static async Task<NoContent> RemoveLimit(Guid id, BridgelineDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        await AuthorityLimitOperations.RemoveAsync(db, clock, id, Actor.From(user), ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<LedgerEntryDto>> Ledger(Guid? customerId, string? target, BridgelineDb db, CancellationToken ct)
    {
        if (customerId is null)
        {
            throw ValidationFailed.For("customerId", "This field is required.");
        }

        var query = db.Set<LedgerEntry>().AsNoTracking().Where(l => l.CustomerId == customerId);
        if (!string.IsNullOrWhiteSpace(target))
        {
            query = query.Where(l => l.Target == target.Trim());
        }

        var rows = await query.ToListAsync(ct);
        return rows.OrderByDescending(l => l.At).ThenByDescending(l => l.Id)
            .Select(l => new LedgerEntryDto(l.Id, l.ActionId, l.Kind, Money.Of(l.Amount, l.Currency), l.Target, l.Description, l.At)).ToList();
    }
}

public static class ApprovalQueries
{
    public static async Task<List<ApprovalDto>> ToDtosAsync(BridgelineDb db, IQueryable<ApprovalRequest> query, CancellationToken ct)
    {
        var rows = await query
            .Join(db.Set<ResolutionAction>(), a => a.ActionId, r => r.Id, (a, r) => new { a, r })
            .Join(db.Cases, x => x.a.CaseId, c => c.Id, (x, c) => new { x.a, x.r, c.Number, c.Status })
            .ToListAsync(ct);
        return rows.Select(x => new ApprovalDto(
            x.a.Id,
            x.a.ActionId,
            Case.FormatNumber(x.Number),
            x.Status,
            x.r.Kind,
            x.r.Amount is { } amount ? Money.Of(amount, x.r.Currency ?? "") : null,
            new ActionTargetDto(x.r.TargetType, x.r.Target),
            x.r.Reason,
            x.a.Why,
            x.a.RequestedByName,
            x.a.AssigneeId is { } id ? new NamedRef(id, x.a.AssigneeName ?? "") : null,
            x.a.RoutedVia,
            x.a.State,
            x.a.DecidedByName,
            x.a.DecidedAt,
            x.a.DecisionReason,
            x.a.CreatedAt)).ToList();
    }
}

public static class AuthorityLimitQueries
{
    public static async Task<List<AuthorityLimitDto>> ListAsync(BridgelineDb db, CancellationToken ct)
    {
        var rows = await db.Set<AuthorityLimit>().AsNoTracking().ToListAsync(ct);
        var ids = rows.Where(r => r.UserId is not null).Select(r => r.UserId!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var roleOrder = Roles.Staff.ToList();
        return rows
            .OrderBy(r => r.UserId is null ? 0 : 1)
            .ThenBy(r => r.Role is null ? 9 : roleOrder.IndexOf(r.Role))
            .ThenBy(r => r.UserId is { } u ? names.GetValueOrDefault(u) : "", StringComparer.Ordinal)
            .ThenBy(r => r.Kind).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .Select(r => new AuthorityLimitDto(
                r.Id,
                r.Role,
                r.UserId is { } u ? new NamedRef(u, names.GetValueOrDefault(u) ?? "") : null,
                r.Kind,
                r.Currency,
                r.MaxAmount is { } m ? Money.Of(m, r.Currency) : null,
                r.MaxAmount is null,
                r.UpdatedAt,
                r.UpdatedByName))
            .ToList();
    }
}

/// <summary>Setting and removing authority limits (admins, through the API or the admin page); every change is audited.</summary>
public static class AuthorityLimitOperations
{
    public static async Task<AuthorityLimitDto> SetAsync(BridgelineDb db, TimeProvider clock, AuthorityLimitRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var kind = v.Enum<ActionKind>("kind", request.Kind, required: true);
        if (kind is { } k && !AuthorityLimit.MoneyKinds.Contains(k))
        {
            v.Add("kind", $"A {Names.Of(k)} moves no money and has no limit. Kinds with limits: refund, partial_refund, credit, fee_reversal.");
        }

        string? role = null;
        Guid? userId = null;
        if ((request.Role is null) == (request.User is null))
        {
            v.Add("role", "Give either a role (agent, supervisor, manager, admin) or a user, not both.");
        }
        else if (request.Role is not null)
        {
            role = request.Role.Trim().ToLowerInvariant();
            if (!Roles.IsStaffRole(role))
            {
                v.Add("role", "One of agent, supervisor, manager, admin.");
            }
        }
        else if ((userId = await Staff.ResolveUserIdAsync(db, request.User!, actor, ct)) is null)
        {
            v.Add("user", $"No staff user '{request.User}'.");
        }

        decimal? max = null;
        string? currency = null;
        if (request.Unlimited == true)
        {
            currency = request.Currency?.Trim().ToUpperInvariant() ?? request.Limit?.Currency?.Trim().ToUpperInvariant();
            if (currency is null || !Currencies.IsKnown(currency))
            {
                v.Add("currency", "An ISO 4217 currency code such as USD.");
            }
        }
        else if (Currencies.Read(v, "limit", request.Limit, required: true) is { } money)
        {
            (max, currency) = money;
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var row = await db.Set<AuthorityLimit>().FirstOrDefaultAsync(l => l.Kind == kind!.Value && l.Currency == currency && l.Role == role && l.UserId == userId, ct);
        var before = row is null ? null : row.MaxAmount is { } b ? Money.Of(b, row.Currency).Amount : "unlimited";
        if (row is null)
        {
            row = new AuthorityLimit { Role = role, UserId = userId, Kind = kind!.Value, Currency = currency! };
            db.Add(row);
        }

        row.MaxAmount = max;
        row.UpdatedAt = now;
        row.UpdatedByName = actor.Name;
        Auditor.Record(db, actor, now, "authority_limit", row.Id, "set", [
            new FieldChange($"{role ?? request.User} {Names.Of(row.Kind)} {currency}", before, max is { } m ? Money.Of(m, currency!).Amount : "unlimited"),
        ]);
        await db.SaveChangesAsync(ct);
        return (await AuthorityLimitQueries.ListAsync(db, ct)).Single(l => l.Id == row.Id);
    }

    public static async Task RemoveAsync(BridgelineDb db, TimeProvider clock, Guid id, Actor actor, CancellationToken ct)
    {
        var row = await db.Set<AuthorityLimit>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundProblem($"Authority limit {id}");
        db.Remove(row);
        Auditor.Record(db, actor, clock.GetUtcNow(), "authority_limit", row.Id, "removed", [
            new FieldChange($"{row.Role ?? row.UserId?.ToString()} {Names.Of(row.Kind)} {row.Currency}", row.MaxAmount is { } m ? Money.Of(m, row.Currency).Amount : "unlimited", null),
        ]);
        await db.SaveChangesAsync(ct);
    }

}
