using Bridgeline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Escalations;

/// <summary>A case handed up its team's chain, landed on a named person with due times to acknowledge and to answer.</summary>
public sealed class Escalation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid? ChainId { get; set; }

    public int Level { get; set; }

    public required string LevelName { get; set; }

    public Guid AssigneeId { get; set; }

    public EscalationReason Reason { get; set; }

    public string? ReasonText { get; set; }

    /// <summary>For "policy blocked": the code of the policy that blocked the request.</summary>
    public string? PolicyCode { get; set; }

    public decimal? AtStakeAmount { get; set; }

    public string? AtStakeCurrency { get; set; }

    public string? Harm { get; set; }

    public Guid? RaisedById { get; set; }

    public required string RaisedByName { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset AcknowledgeDueAt { get; set; }

    public DateTimeOffset AnswerDueAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? Answer { get; set; }

    public EscalationState State { get; set; } = EscalationState.Open;

    /// <summary>When the worker climbs it if still unacknowledged; null once acknowledged or at the top. Indexed.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public int Version { get; set; }
}

public enum EscalationReason
{
    PolicyBlocked,
    Technical,
    Complaint,
    CustomerAsked,
    SlaBreached,
    Other,
}

public enum EscalationState
{
    Open,
    Acknowledged,
    Answered,
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> e)
    {
        e.ToTable("escalations");
        e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.LevelName).HasMaxLength(200);
        e.Property(x => x.ReasonText).HasMaxLength(2000);
        e.Property(x => x.PolicyCode).HasMaxLength(100);
        e.Property(x => x.AtStakeAmount).HasPrecision(18, 2);
        e.Property(x => x.AtStakeCurrency).HasMaxLength(3);
        e.Property(x => x.Harm).HasMaxLength(2000);
        e.Property(x => x.RaisedByName).HasMaxLength(320);
        e.Property(x => x.Answer).HasMaxLength(10000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AssigneeId, x.State, x.RaisedAt });
        e.HasIndex(x => new { x.CaseId, x.RaisedAt });
        e.HasIndex(x => x.NextDueAt);
    }
}
