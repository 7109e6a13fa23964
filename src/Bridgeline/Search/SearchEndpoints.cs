using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search).WithTags("Search")
            .WithSummary("Search messages, notes, wrap-ups, call records and articles: words and \"quoted phrases\", ranked, with highlighted snippets and case links. Filters: kind, channel, team, agent, reason, from, to.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<SearchResults> Search(
        string? q, string? kind, string? channel, string? team, string? agent, string? reason, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        BridgelineDb db, ISearchIndex index, CancellationToken ct) =>
        await index.SearchAsync(await SearchRequest.ReadAsync(db, q, kind, channel, team, agent, reason, from, to, limit, ct), ct);
}

/// <summary>Turns the search form's or the query string's values into a <see cref="SearchQuery"/>, naming any bad field.</summary>
public static class SearchRequest
{
    public static async Task<SearchQuery> ReadAsync(
        BridgelineDb db, string? q, string? kind, string? channel, string? team, string? agent, string? reason, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var text = v.Required("q", q, 500);
        var k = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim().ToLowerInvariant();
        if (k is not null && !SearchKinds.All.Contains(k))
        {
            v.Add("kind", $"'{kind}' is not one of: {string.Join(", ", SearchKinds.All)}.");
        }

        var ch = v.Enum<Channel>("channel", channel, required: false);
        v.ThrowIfInvalid();

        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            var t = team.Trim();
            teamId = Guid.TryParse(t, out var id) ? id
                : (await db.Teams.AsNoTracking().Where(x => x.Name == t).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct))
                  ?? throw ValidationFailed.For("team", $"No team '{t}'.");
        }

        Guid? agentId = null;
        if (!string.IsNullOrWhiteSpace(agent))
        {
            var a = agent.Trim();
            agentId = Guid.TryParse(a, out var id) ? id
                : (await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == a.ToUpperInvariant() || u.Name == a).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct))
                  ?? throw ValidationFailed.For("agent", $"No staff user '{a}' (give an id, email or name).");
        }

        return new SearchQuery(text!, k, ch, teamId, agentId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), from, to, Math.Clamp(limit ?? 20, 1, 100));
    }
}
