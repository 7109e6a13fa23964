using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.WrapUps;

/// <summary>
/// Every time an agent submits a wrap-up, accepted or refused. Refused text is not kept as a note;
/// the attempt is what the quality report counts.
/// </summary>
public sealed class WrapUpAttempt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid? AgentId { get; set; }

    public required string AgentName { get; set; }

    public Guid? TeamId { get; set; }

    public string? ContactReasonCode { get; set; }

    public int Score { get; set; }

    public bool Accepted { get; set; }

    /// <summary>The refusal reason codes, comma-separated ("filler,repeated"); empty when accepted.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>The note the accepted wrap-up became.</summary>
    public Guid? InteractionId { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class WrapUpAttemptConfiguration : IEntityTypeConfiguration<WrapUpAttempt>
{
    public void Configure(EntityTypeBuilder<WrapUpAttempt> e)
    {
        e.ToTable("wrap_up_attempts");
        e.Property(a => a.AgentName).HasMaxLength(320);
        e.Property(a => a.ContactReasonCode).HasMaxLength(100);
        e.Property(a => a.Reasons).HasMaxLength(500);
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);

        // The quality report walks attempts per agent and per team over a period.
        e.HasIndex(a => new { a.AgentId, a.At });
        e.HasIndex(a => new { a.TeamId, a.At });
        e.HasIndex(a => new { a.CaseId, a.At });
    }
}
