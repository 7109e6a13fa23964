using System.Globalization;
using System.Security.Cryptography;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Teams;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Bridgeline.Users;

/// <summary>Staff accounts, teams, API keys and the contact-reason taxonomy: the admin's work.</summary>
public sealed class UserOperations(BridgelineDb db, UserManager<StaffUser> users, TimeProvider clock, IMemoryCache cache)
{
    public async Task<StaffUser> CreateUserAsync(CreateUserRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var email = v.Required("email", request.Email, 256);
        var name = v.Required("name", request.Name, 200);
        var role = v.Required("role", request.Role, 32)?.ToLowerInvariant();
        if (role is not null && !Roles.IsStaffRole(role))
        {
            v.Add("role", $"'{role}' is not a role. Allowed: {string.Join(", ", Roles.Staff)}.");
        }

        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            v.Add("email", $"'{email}' is not an email address.");
        }

        var teamName = v.Optional("team", request.Team, 100);
        if (email is not null && await users.FindByEmailAsync(email) is not null)
        {
            v.Add("email", "A user with this email already exists.");
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var team = teamName is null ? null : await FindOrCreateTeamAsync(teamName, now, ct);
        var user = new StaffUser { Email = email, UserName = email, Name = name!, Role = role!, TeamId = team?.Id, CreatedAt = now };

        // Without a password the account exists for API keys and assignment; an admin sets one to let the person sign in.
        var result = request.Password is { Length: > 0 } password
            ? await users.CreateAsync(user, password)
            : await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            throw new ValidationFailed(result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        Auditor.Record(db, actor, now, "user", user.Id, "created", [new FieldChange("role", null, user.Role), new FieldChange("team", null, team?.Name)]);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<StaffUser> UpdateUserAsync(Guid id, UpdateUserRequest request, Actor actor, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Team).FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundProblem($"User {id}");
        var v = new Validator();
        var name = request.Name is null ? null : v.Required("name", request.Name, 200);
        var role = request.Role?.Trim().ToLowerInvariant();
        if (role is not null && !Roles.IsStaffRole(role))
        {
            v.Add("role", $"'{role}' is not a role. Allowed: {string.Join(", ", Roles.Staff)}.");
        }

        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var changes = new List<FieldChange>();
        if (name is not null)
        {
            Auditor.Compare(changes, "name", user.Name, name);
            user.Name = name;
        }

        if (role is not null)
        {
            Auditor.Compare(changes, "role", user.Role, role);
            user.Role = role;
        }

        if (request.Team is not null)
        {
            var team = await FindOrCreateTeamAsync(request.Team.Trim(), now, ct);
            Auditor.Compare(changes, "team", user.Team?.Name, team.Name);
            user.TeamId = team.Id;
        }

        if (request.Disabled is { } disabled)
        {
            Auditor.Compare(changes, "disabled", (user.LockoutEnd > now).ToString(), disabled.ToString());
            user.LockoutEnabled = true;
            user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        }

        if (changes.Count > 0)
        {
            // A new security stamp signs the user out everywhere, so a demoted role takes effect.
            user.SecurityStamp = Guid.NewGuid().ToString();
            Auditor.Record(db, actor, now, "user", user.Id, "updated", changes);
            await db.SaveChangesAsync(ct);
            await ForgetKeysOfAsync(user.Id, ct);
        }

        return user;
    }

    public async Task<IssuedKeyDto> IssueUserKeyAsync(Guid userId, IssueKeyRequest request, Actor actor, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundProblem($"User {userId}");
        return await IssueAsync(request.Name ?? $"Key for {user.Name}", user.Id, null, null, actor, ct);
    }

    public async Task<IssuedKeyDto> IssueIntegrationKeyAsync(IssueIntegrationKeyRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var integration = v.Required("integration", request.Integration, 100);
        v.ThrowIfInvalid();
        return await IssueAsync(request.Name ?? integration!, null, integration, Roles.Integration, actor, ct);
    }

    /// <summary>Creates a key with a given value (the bootstrap key from the environment).</summary>
    public async Task EnsureKeyAsync(string key, string name, string role, CancellationToken ct)
    {
        var hash = ApiKey.HashOf(key);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct))
        {
            return;
        }

        db.ApiKeys.Add(new ApiKey { Name = name, Hash = hash, Prefix = Prefix(key), Role = role, Integration = "bootstrap", CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    public async Task RevokeKeyAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundProblem($"API key {id}");
        if (key.RevokedAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        key.RevokedAt = now;
        Auditor.Record(db, actor, now, "api_key", key.Id, "revoked", [new FieldChange("name", key.Name, null)]);
        await db.SaveChangesAsync(ct);
        cache.Remove(ApiKeyAuthenticationHandler.CacheKey(key.Hash));
    }

    public async Task<Team> CreateTeamAsync(CreateTeamRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required("name", request.Name, 100);
        if (name is not null && await db.Teams.AnyAsync(t => t.Name == name, ct))
        {
            v.Add("name", "A team with this name already exists.");
        }

        v.ThrowIfInvalid();
        var team = new Team { Name = name!, CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public async Task<ContactReason> CreateContactReasonAsync(CreateContactReasonRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Required("code", request.Code, 100)?.ToLowerInvariant();
        var name = v.Required("name", request.Name, 200);
        if (code is not null && !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_'))
        {
            v.Add("code", "Use lower-case letters, digits, '.', '-' and '_' (e.g. order.not-received).");
        }

        if (code is not null && await db.ContactReasons.AnyAsync(r => r.Code == code, ct))
        {
            v.Add("code", "This code already exists.");
        }

        v.ThrowIfInvalid();
        var reason = new ContactReason { Code = code!, Name = name! };
        db.ContactReasons.Add(reason);
        await db.SaveChangesAsync(ct);
        return reason;
    }

    private async Task<IssuedKeyDto> IssueAsync(string name, Guid? userId, string? integration, string? role, Actor actor, CancellationToken ct)
    {
        var secret = ApiKey.NewSecret();
        var now = clock.GetUtcNow();
        var key = new ApiKey
        {
            Name = name.Length > 200 ? name[..200] : name,
            Hash = ApiKey.HashOf(secret),
            Prefix = Prefix(secret),
            UserId = userId,
            Integration = integration,
            Role = role,
            CreatedAt = now,
        };
        db.ApiKeys.Add(key);
        Auditor.Record(db, actor, now, "api_key", key.Id, "issued", [new FieldChange("name", null, key.Name)]);
        await db.SaveChangesAsync(ct);
        return new IssuedKeyDto(key.Id, secret, key.Prefix, key.Name, userId, integration, now);
    }

    private async Task ForgetKeysOfAsync(Guid userId, CancellationToken ct)
    {
        foreach (var hash in await db.ApiKeys.Where(k => k.UserId == userId).Select(k => k.Hash).ToListAsync(ct))
        {
            cache.Remove(ApiKeyAuthenticationHandler.CacheKey(hash));
        }
    }

    private async Task<Team> FindOrCreateTeamAsync(string name, DateTimeOffset now, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == name, ct);
        if (team is null)
        {
            team = new Team { Name = name, CreatedAt = now };
            db.Teams.Add(team);
        }

        return team;
    }

    private static string Prefix(string key) => key.Length <= 8 ? key[..Math.Min(2, key.Length)] + "…" : key[..8];

    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=') + "-" + RandomNumberGenerator.GetInt32(10, 99).ToString(CultureInfo.InvariantCulture);
}
