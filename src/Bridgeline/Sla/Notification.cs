using Bridgeline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Sla;

/// <summary>Something a staff member must know: a clock about to breach, an escalation landed on them, a promise due or broken.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RecipientId { get; set; }

    public NotificationKind Kind { get; set; }

    public Guid? CaseId { get; set; }

    public long? CaseNumber { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public static Notification For(Guid recipient, NotificationKind kind, Cases.Case? @case, string text, DateTimeOffset now) => new()
    {
        RecipientId = recipient,
        Kind = kind,
        CaseId = @case?.Id,
        CaseNumber = @case?.Number,
        Text = text,
        CreatedAt = now,
    };
}

public enum NotificationKind
{
    SlaWarning,
    SlaBreached,
    EscalatedToYou,
    EscalationClimbed,
    PromiseReminder,
    PromiseBroken,
    ApprovalRequested,
    ApprovalDecided,
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(n => n.Text).HasMaxLength(1000);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);

        // The header's unread count and the list, newest first.
        e.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });
    }
}
