using System.Security.Claims;
using System.Text.Encodings.Web;
using Bridgeline.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Bridgeline.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;key&gt;". A key issued to a staff user acts as that user;
/// an integration key carries the integration's name. Lookups are cached briefly so intake does
/// not pay a query per request; revoking evicts the key on this node at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BridgelineDb db,
    IMemoryCache cache,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public static string CacheKey(string hash) => "api-key:" + hash;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        if (key.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        var hash = ApiKey.HashOf(key);
        if (!cache.TryGetValue(CacheKey(hash), out KeyIdentity? identity))
        {
            identity = await db.ApiKeys.AsNoTracking()
                .Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new KeyIdentity(
                    k.Id,
                    k.UserId,
                    k.User != null ? k.User.Name : (k.Integration ?? k.Name),
                    k.User != null ? k.User.Role : (k.Role ?? Roles.Integration),
                    k.Integration,
                    k.User != null ? k.User.TeamId : null,
                    k.User == null || k.User.LockoutEnd == null || k.User.LockoutEnd < clock.GetUtcNow()))
                .FirstOrDefaultAsync(Context.RequestAborted);
            cache.Set(CacheKey(hash), identity, CacheFor);
        }

        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        if (!identity.Enabled)
        {
            return AuthenticateResult.Fail("The user this key acts as is disabled.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity.Name),
            new(ClaimTypes.Role, identity.Role),
            new(BridgelineClaims.ApiKeyId, identity.KeyId.ToString()),
        };
        if (identity.UserId is { } userId)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
        }

        if (identity.Integration is not null)
        {
            claims.Add(new Claim(BridgelineClaims.Integration, identity.Integration));
        }

        if (identity.TeamId is { } teamId)
        {
            claims.Add(new Claim(BridgelineClaims.TeamId, teamId.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private sealed record KeyIdentity(Guid KeyId, Guid? UserId, string Name, string Role, string? Integration, Guid? TeamId, bool Enabled);
}

public static class BridgelineClaims
{
    public const string ApiKeyId = "bridgeline:api_key";
    public const string Integration = "bridgeline:integration";
    public const string TeamId = "bridgeline:team";
}
