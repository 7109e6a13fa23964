namespace Bridgeline.Teams;

/// <summary>A group of staff that owns a queue of cases (tier 1, claims, billing…).</summary>
public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
