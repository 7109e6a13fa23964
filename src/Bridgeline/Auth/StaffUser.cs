using Bridgeline.Teams;
using Microsoft.AspNetCore.Identity;

namespace Bridgeline.Auth;

/// <summary>A person who works cases: agent, supervisor, manager or admin.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>One of <see cref="Roles"/>; mirrored in Identity's role table for policy checks.</summary>
    public required string Role { get; set; }

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Manager = "manager";
    public const string Admin = "admin";

    /// <summary>The identity an integration key carries (CTI, carrier webhooks, intake).</summary>
    public const string Integration = "integration";

    public static readonly IReadOnlyList<string> Staff = [Agent, Supervisor, Manager, Admin];

    public static bool IsStaffRole(string? role) => role is not null && Staff.Contains(role, StringComparer.Ordinal);
}

/// <summary>Who may call what. Every endpoint and page names one of these.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member or a key acting as one.</summary>
    public const string Staff = "staff";

    /// <summary>Staff, or an integration key (intake, CTI, webhooks).</summary>
    public const string StaffOrIntegration = "staff-or-integration";

    public const string Supervisor = "supervisor";

    public const string Manager = "manager";

    public const string Admin = "admin";
}
