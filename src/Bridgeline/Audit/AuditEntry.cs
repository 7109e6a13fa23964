namespace Bridgeline.Audit;

/// <summary>Who changed what, when, from what to what, and why. Append-only: the DbContext refuses updates and deletes.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>"customer", "case", "user", "api_key".</summary>
    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    /// <summary>"created", "updated", "assigned", "status_changed", "revoked"…</summary>
    public required string Action { get; set; }

    public List<FieldChange> Changes { get; set; } = [];

    public string? Reason { get; set; }
}

public sealed record FieldChange(string Field, string? Before, string? After);
