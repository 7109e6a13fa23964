using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api").WithTags("Users and keys").RequireAuthorization(Policies.Admin);
        admin.MapPost("/users", CreateUser).WithSummary("Create a staff user: email, name, role (agent, supervisor, manager, admin), team (created if new), optional password.");
        admin.MapGet("/users", ListUsers).WithSummary("All staff users.");
        admin.MapPatch("/users/{id:guid}", UpdateUser).WithSummary("Change a user's name, role or team, or disable them.");
        admin.MapPost("/users/{id:guid}/api-keys", IssueUserKey).WithSummary("Issue a key that acts as this user, with the user's role. The key is shown once.");
        admin.MapPost("/api-keys", IssueIntegrationKey).WithSummary("Issue a key for an integration (CTI, carrier webhooks, intake). The key is shown once.");
        admin.MapGet("/api-keys", ListKeys).WithSummary("All keys, without their secrets.");
        admin.MapDelete("/api-keys/{id:guid}", RevokeKey).WithSummary("Revoke a key; it is refused from then on.");
        admin.MapPost("/teams", CreateTeam).WithSummary("Create a team.");
        admin.MapPost("/contact-reasons", CreateContactReason).WithSummary("Add a contact reason to the taxonomy.");

        var staff = app.MapGroup("/api").WithTags("Users and keys").RequireAuthorization(Policies.Staff);
        staff.MapGet("/teams", ListTeams).WithSummary("All teams.");
        staff.MapGet("/contact-reasons", ListContactReasons).WithSummary("The contact-reason taxonomy.");
        staff.MapGet("/me", Me).WithSummary("Who the caller is.");
        return app;
    }

    private static async Task<Created<UserDto>> CreateUser(CreateUserRequest request, UserOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await operations.CreateUserAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/users/{created.Id}", await UserQueries.GetAsync(db, created.Id, ct));
    }

    private static async Task<UserDto> UpdateUser(Guid id, UpdateUserRequest request, UserOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.UpdateUserAsync(id, request, Actor.From(user), ct);
        return await UserQueries.GetAsync(db, id, ct);
    }

    private static Task<List<UserDto>> ListUsers(BridgelineDb db, TimeProvider clock, CancellationToken ct) => UserQueries.ListAsync(db, clock, ct);

    private static async Task<Created<IssuedKeyDto>> IssueUserKey(Guid id, IssueKeyRequest? request, UserOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var key = await operations.IssueUserKeyAsync(id, request ?? new IssueKeyRequest(null), Actor.From(user), ct);
        return TypedResults.Created($"/api/api-keys/{key.Id}", key);
    }

    private static async Task<Created<IssuedKeyDto>> IssueIntegrationKey(IssueIntegrationKeyRequest request, UserOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var key = await operations.IssueIntegrationKeyAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/api-keys/{key.Id}", key);
    }

    private static Task<List<ApiKeyDto>> ListKeys(BridgelineDb db, CancellationToken ct) => UserQueries.KeysAsync(db, ct);

    private static async Task<NoContent> RevokeKey(Guid id, UserOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.RevokeKeyAsync(id, Actor.From(user), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<TeamDto>> CreateTeam(CreateTeamRequest request, UserOperations operations, CancellationToken ct)
    {
        var team = await operations.CreateTeamAsync(request, ct);
        return TypedResults.Created($"/api/teams/{team.Id}", new TeamDto(team.Id, team.Name));
    }

    private static Task<List<TeamDto>> ListTeams(BridgelineDb db, CancellationToken ct) =>
        db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamDto(t.Id, t.Name)).ToListAsync(ct);

    private static async Task<Created<ContactReasonDto>> CreateContactReason(CreateContactReasonRequest request, UserOperations operations, CancellationToken ct)
    {
        var reason = await operations.CreateContactReasonAsync(request, ct);
        return TypedResults.Created($"/api/contact-reasons/{reason.Code}", new ContactReasonDto(reason.Code, reason.Name, reason.IsActive));
    }

    private static Task<List<ContactReasonDto>> ListContactReasons(BridgelineDb db, CancellationToken ct) =>
        db.ContactReasons.AsNoTracking().OrderBy(r => r.Code).Select(r => new ContactReasonDto(r.Code, r.Name, r.IsActive)).ToListAsync(ct);

    private static Actor Me(ClaimsPrincipal user) => Actor.From(user);
}

public static class UserQueries
{
    public static async Task<List<UserDto>> ListAsync(BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Users.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new UserDto(u.Id, u.Email!, u.Name, u.Role, u.Team != null ? u.Team.Name : null, u.LockoutEnd != null && u.LockoutEnd > now, u.CreatedAt))
            .ToListAsync(ct);
    }

    public static async Task<UserDto> GetAsync(BridgelineDb db, Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserDto(u.Id, u.Email!, u.Name, u.Role, u.Team != null ? u.Team.Name : null, u.LockoutEnd == DateTimeOffset.MaxValue, u.CreatedAt))
            .FirstOrDefaultAsync(ct) ?? throw new Infrastructure.NotFoundProblem($"User {id}");

    public static Task<List<ApiKeyDto>> KeysAsync(BridgelineDb db, CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyDto(k.Id, k.Prefix, k.Name, k.UserId, k.User != null ? k.User.Name : null, k.Integration, k.CreatedAt, k.RevokedAt))
            .ToListAsync(ct);
}
