namespace Bridgeline.Users;

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Team, string? Password);

public sealed record UpdateUserRequest(string? Name, string? Role, string? Team, bool? Disabled);

public sealed record UserDto(Guid Id, string Email, string Name, string Role, string? Team, bool Disabled, DateTimeOffset CreatedAt);

public sealed record IssueKeyRequest(string? Name);

public sealed record IssueIntegrationKeyRequest(string? Name, string? Integration);

/// <summary>The key itself appears only here, once.</summary>
public sealed record IssuedKeyDto(Guid Id, string Key, string Prefix, string Name, Guid? UserId, string? Integration, DateTimeOffset CreatedAt);

public sealed record ApiKeyDto(Guid Id, string Prefix, string Name, Guid? UserId, string? UserName, string? Integration, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record TeamDto(Guid Id, string Name);

public sealed record CreateTeamRequest(string? Name);

public sealed record ContactReasonDto(string Code, string Name, bool Active);

public sealed record CreateContactReasonRequest(string? Code, string? Name);
