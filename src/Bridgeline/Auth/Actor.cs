using System.Globalization;
using System.Security.Claims;

namespace Bridgeline.Auth;

/// <summary>Who is acting: the name audits and timelines record, and the user id where there is one.</summary>
public sealed record Actor(Guid? UserId, string Name, string Role, Guid? TeamId, string? Integration)
{
    public static Actor System { get; } = new(null, "Bridgeline", Roles.Admin, null, "system");

    public bool IsStaff => UserId is not null || Roles.IsStaffRole(Role);

    /// <summary>The idempotency scope: a user, or an integration key.</summary>
    public string IdentityKey => UserId?.ToString() ?? ("integration:" + (Integration ?? Name));

    public static Actor From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var team = principal.FindFirstValue(BridgelineClaims.TeamId);
        return new Actor(
            Guid.TryParse(id, CultureInfo.InvariantCulture, out var userId) ? userId : null,
            principal.FindFirstValue(ClaimTypes.Name) ?? principal.Identity?.Name ?? "unknown",
            principal.FindFirstValue(ClaimTypes.Role) ?? Roles.Integration,
            Guid.TryParse(team, CultureInfo.InvariantCulture, out var teamId) ? teamId : null,
            principal.FindFirstValue(BridgelineClaims.Integration));
    }
}
