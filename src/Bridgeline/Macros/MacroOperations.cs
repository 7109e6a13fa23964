using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Macros;

public sealed record CreateMacroRequest(string? Name, string? Team, string? Body, string? SetStatus, List<string>? AddTags);

public sealed record ApplyMacroRequest(string? Body);

public sealed record MacroDto(Guid Id, string Name, string? Team, string Body, string? SetStatus, IReadOnlyList<string> AddTags);

public sealed record MacroPreview(Guid MacroId, string Name, string Text, string? SetStatus, IReadOnlyList<string> AddTags);

public sealed record MacroApplied(string CaseNumber, TimelineItem Reply, CaseStatus Status, IReadOnlyList<string> Tags);

/// <summary>Canned replies: placeholders filled from the case, then sent as one reply with the macro's actions.</summary>
public sealed partial class MacroOperations(BridgelineDb db, InteractionOperations interactions, CaseOperations cases, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "customer.name", "customer.first_name", "case.number", "case.subject", "case.status", "order.number", "agent.name", "team.name", "today",
    ];

    public async Task<Macro> CreateAsync(CreateMacroRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required("name", request.Name, 200);
        var body = v.Required("body", request.Body, 20_000);
        var status = v.Enum<CaseStatus>("setStatus", request.SetStatus, required: false);
        var unknown = body is null ? [] : PlaceholderPattern().Matches(body).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            v.Add("body", $"Unknown placeholder(s): {string.Join(", ", unknown.Select(u => "{" + u + "}"))}. Known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
        }

        var tags = (request.AddTags ?? []).Select(t => t?.Trim() ?? "").ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Length is 0 or > 50)
            {
                v.Add($"addTags[{i}]", "Must be 1 to 50 characters.");
            }
        }

        v.ThrowIfInvalid();
        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(request.Team))
        {
            var t = request.Team.Trim();
            teamId = await db.Teams.Where(x => x.Name == t || x.Id.ToString() == t).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw ValidationFailed.For("team", $"No team '{t}'.");
        }

        if (await db.Set<Macro>().AnyAsync(m => m.TeamId == teamId && m.Name == name, ct))
        {
            throw new ConflictProblem($"A macro named '{name}' exists already for this team.");
        }

        var now = clock.GetUtcNow();
        var macro = new Macro { Name = name!, Body = body!, TeamId = teamId, SetStatus = status is { } s ? Names.Of(s) : null, AddTags = tags.Distinct(StringComparer.Ordinal).ToList(), CreatedAt = now, UpdatedAt = now };
        db.Set<Macro>().Add(macro);
        Auditor.Record(db, actor, now, "macro", macro.Id, "created", [new FieldChange("name", null, macro.Name)]);
        await db.SaveChangesAsync(ct);
        return macro;
    }

    /// <summary>The macros an actor may use: their team's and everyone's.</summary>
    public async Task<List<MacroDto>> ListAsync(Actor actor, bool all, CancellationToken ct)
    {
        var query = db.Set<Macro>().AsNoTracking().Where(m => m.IsActive);
        if (!all)
        {
            query = query.Where(m => m.TeamId == null || m.TeamId == actor.TeamId);
        }

        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return (await query.OrderBy(m => m.Name).ToListAsync(ct))
            .Select(m => new MacroDto(m.Id, m.Name, m.TeamId is { } t && teams.TryGetValue(t, out var n) ? n : null, m.Body, m.SetStatus, m.AddTags)).ToList();
    }

    public async Task<MacroPreview> PreviewAsync(string caseNumber, Guid macroId, Actor actor, CancellationToken ct)
    {
        var macro = await LoadAsync(macroId, actor, ct);
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        return new MacroPreview(macro.Id, macro.Name, await RenderAsync(macro.Body, @case, actor, ct), macro.SetStatus, macro.AddTags);
    }

    /// <summary>Sends the filled-in reply (or the agent's edited text), then sets the status and adds the tags.</summary>
    public async Task<MacroApplied> ApplyAsync(string caseNumber, Guid macroId, ApplyMacroRequest request, Actor actor, CancellationToken ct)
    {
        var macro = await LoadAsync(macroId, actor, ct);
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var text = string.IsNullOrWhiteSpace(request.Body) ? await RenderAsync(macro.Body, @case, actor, ct) : request.Body.Trim();
        var reply = await interactions.AddMessageAsync(caseNumber, new AddMessageRequest("outbound", null, text, null, null), actor, ct);

        var tags = @case.Tags.Union(macro.AddTags, StringComparer.Ordinal).ToList();
        var needsStatus = macro.SetStatus is { } s && Names.Of(@case.Status) != s;
        var needsTags = tags.Count != @case.Tags.Count;
        if (needsStatus || needsTags)
        {
            await cases.UpdateAsync(caseNumber, new UpdateCaseRequest(null, needsStatus ? macro.SetStatus : null, null, null, null, null, needsTags ? tags : null, $"macro: {macro.Name}"), actor, ct);
        }

        var after = await CaseQueries.LoadAsync(db, caseNumber, ct);
        return new MacroApplied(after.DisplayNumber, TimelineItem.From(reply, after.Number), after.Status, after.Tags);
    }

    private async Task<Macro> LoadAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var macro = await db.Set<Macro>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.IsActive, ct) ?? throw new NotFoundProblem($"Macro {id}");
        if (macro.TeamId is { } team && team != actor.TeamId && actor.Role is not (Roles.Supervisor or Roles.Manager or Roles.Admin))
        {
            throw new ForbiddenProblem("This macro belongs to another team.");
        }

        return macro;
    }

    private async Task<string> RenderAsync(string body, Case @case, Actor actor, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == @case.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var team = @case.TeamId is { } t ? await db.Teams.AsNoTracking().Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var order = OrderPattern().Match(@case.Subject);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer.name"] = customer,
            ["customer.first_name"] = customer.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? customer,
            ["case.number"] = @case.DisplayNumber,
            ["case.subject"] = @case.Subject,
            ["case.status"] = Names.Label(@case.Status),
            ["order.number"] = order.Success ? order.Value : "your order",
            ["agent.name"] = actor.Name,
            ["team.name"] = team ?? "our team",
            ["today"] = clock.GetUtcNow().ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        };
        return PlaceholderPattern().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"\{([a-z_]+\.[a-z_]+|today)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\b[A-Z]{1,3}-\d{3,}\b")]
    private static partial Regex OrderPattern();
}

public static class MacroEndpoints
{
    public static IEndpointRouteBuilder MapMacroEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/macros", List).WithTags("Macros").WithSummary("Macros the caller may use (their team's and everyone's); all=true lists every team's.")
            .RequireAuthorization(Policies.Staff);
        app.MapPost("/api/macros", Create).WithTags("Macros").WithIdempotency().RequireAuthorization(Policies.Supervisor)
            .WithSummary("A canned reply with placeholders ({customer.name}, {case.number}, {order.number}, …) and optional actions: setStatus, addTags; team or everyone.");
        app.MapGet("/api/cases/{number}/macros/{id:guid}/preview", Preview).WithTags("Macros").WithSummary("The macro's reply filled in for this case.")
            .RequireAuthorization(Policies.Staff);
        app.MapPost("/api/cases/{number}/macros/{id:guid}/apply", Apply).WithTags("Macros").WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Send the macro's reply (or the edited body) to the customer and run its actions.");
        return app;
    }

    private static Task<List<MacroDto>> List(bool? all, MacroOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        operations.ListAsync(Actor.From(user), all ?? false, ct);

    private static async Task<Created<MacroDto>> Create(CreateMacroRequest request, MacroOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var m = await operations.CreateAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/macros/{m.Id}", new MacroDto(m.Id, m.Name, request.Team?.Trim() is { Length: > 0 } t ? t : null, m.Body, m.SetStatus, m.AddTags));
    }

    private static Task<MacroPreview> Preview(string number, Guid id, MacroOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        operations.PreviewAsync(number, id, Actor.From(user), ct);

    private static async Task<Created<MacroApplied>> Apply(string number, Guid id, ApplyMacroRequest? request, MacroOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var applied = await operations.ApplyAsync(number, id, request ?? new ApplyMacroRequest(null), Actor.From(user), ct);
        return TypedResults.Created($"/api/cases/{applied.CaseNumber}/timeline#{applied.Reply.Id}", applied);
    }
}
