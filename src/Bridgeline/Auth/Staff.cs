using System.Globalization;
using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Auth;

/// <summary>Resolves how people name staff and teams in requests: "me", an id, an email, a team name.</summary>
public static class Staff
{
    public static async Task<Guid?> ResolveUserIdAsync(BridgelineDb db, string text, Actor actor, CancellationToken ct)
    {
        var value = text.Trim();
        if (string.Equals(value, "me", StringComparison.OrdinalIgnoreCase))
        {
            return actor.UserId;
        }

        if (Guid.TryParse(value, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Users.AnyAsync(u => u.Id == id, ct) ? id : null;
        }

        var email = value.ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }

    public static async Task<Guid?> ResolveTeamIdAsync(BridgelineDb db, string text, CancellationToken ct)
    {
        var value = text.Trim();
        if (Guid.TryParse(value, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Teams.AnyAsync(t => t.Id == id, ct) ? id : null;
        }

        return await db.Teams.Where(t => t.Name == value).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
    }
}
