using Bridgeline.Actions;
using Bridgeline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Approvals;

/// <summary>
/// How much money one role (or one person, overriding their role) may move with one kind of resolution action, in one currency,
/// without asking anyone. Above it the action becomes an approval request. A null <see cref="MaxAmount"/> means no limit.
/// </summary>
public sealed class AuthorityLimit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set for a role's limit; null for a person's override.</summary>
    public string? Role { get; set; }

    /// <summary>Set for a person's override; it wins over their role's limit for the same kind and currency.</summary>
    public Guid? UserId { get; set; }

    public ActionKind Kind { get; set; }

    public required string Currency { get; set; }

    public decimal? MaxAmount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedByName { get; set; }

    /// <summary>The kinds that move money and so have limits; a reship or a no-charge upgrade moves none and is never held.</summary>
    public static readonly IReadOnlyList<ActionKind> MoneyKinds = [ActionKind.Refund, ActionKind.PartialRefund, ActionKind.Credit, ActionKind.FeeReversal];

    /// <summary>The limits a fresh installation starts with, in USD: agents act on small amounts, supervisors on most, managers on large ones, admins without limit.</summary>
    public static IEnumerable<AuthorityLimit> Defaults()
    {
        var seeded = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var table = new (string Role, ActionKind Kind, decimal? Max)[]
        {
            (Roles.Agent, ActionKind.Refund, 50m),
            (Roles.Agent, ActionKind.PartialRefund, 50m),
            (Roles.Agent, ActionKind.Credit, 50m),
            (Roles.Agent, ActionKind.FeeReversal, 100m),
            (Roles.Supervisor, ActionKind.Refund, 500m),
            (Roles.Supervisor, ActionKind.PartialRefund, 500m),
            (Roles.Supervisor, ActionKind.Credit, 500m),
            (Roles.Supervisor, ActionKind.FeeReversal, 500m),
            (Roles.Manager, ActionKind.Refund, 5000m),
            (Roles.Manager, ActionKind.PartialRefund, 5000m),
            (Roles.Manager, ActionKind.Credit, 5000m),
            (Roles.Manager, ActionKind.FeeReversal, 5000m),
            (Roles.Admin, ActionKind.Refund, null),
            (Roles.Admin, ActionKind.PartialRefund, null),
            (Roles.Admin, ActionKind.Credit, null),
            (Roles.Admin, ActionKind.FeeReversal, null),
        };
        for (var i = 0; i < table.Length; i++)
        {
            yield return new AuthorityLimit
            {
                // Fixed ids so the seed is the same in every migration.
                Id = new Guid($"a0a0a0a0-0000-7000-8000-{i + 1:000000000000}"),
                Role = table[i].Role,
                Kind = table[i].Kind,
                Currency = "USD",
                MaxAmount = table[i].Max,
                UpdatedAt = seeded,
                UpdatedByName = "Bridgeline",
            };
        }
    }
}

internal sealed class AuthorityLimitConfiguration : IEntityTypeConfiguration<AuthorityLimit>
{
    public void Configure(EntityTypeBuilder<AuthorityLimit> e)
    {
        e.ToTable("authority_limits");
        e.Property(l => l.Role).HasMaxLength(16);
        e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(l => l.Currency).HasMaxLength(3);
        e.Property(l => l.MaxAmount).HasPrecision(18, 2);
        e.Property(l => l.UpdatedByName).HasMaxLength(320);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => new { l.Role, l.Kind, l.Currency });
        e.HasIndex(l => new { l.UserId, l.Kind, l.Currency });
        e.HasData(AuthorityLimit.Defaults());
    }
}
