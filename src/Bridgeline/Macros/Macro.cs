using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Macros;

/// <summary>
/// A canned reply with placeholders ({customer.name}, {case.number}…) and optional actions
/// (set status, add tags), offered to one team or to everyone.
/// </summary>
public sealed class Macro
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>Null: every team may use it.</summary>
    public Guid? TeamId { get; set; }

    public required string Body { get; set; }

    /// <summary>Status to set when applied (wire name, "pending_customer"), or none.</summary>
    public string? SetStatus { get; set; }

    public List<string> AddTags { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class MacroConfiguration : IEntityTypeConfiguration<Macro>
{
    public void Configure(EntityTypeBuilder<Macro> e)
    {
        e.ToTable("macros");
        e.Property(m => m.Name).HasMaxLength(200);
        e.Property(m => m.SetStatus).HasMaxLength(32);
        e.HasOne<Teams.Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.TeamId, m.Name }).IsUnique();
    }
}
