using Bridgeline.Cases;
using Bridgeline.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.CompanyPolicies;

/// <summary>A named company rule, e.g. "claims.storefront-required". Retired rather than deleted, so the record of what it blocked stays.</summary>
public sealed class Policy
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short stable code that escalations and reports name, e.g. "claims.storefront-required".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Who answers for the rule (a team or a role), so a bad policy reaches someone who can change it.</summary>
    public string? Owner { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A customer's request refused or escalated because of a policy, with what was at stake and how it ended.</summary>
public sealed class PolicyBlock
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PolicyId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CustomerId { get; set; }

    public PolicyBlockOutcome Outcome { get; set; }

    public decimal? AtStakeAmount { get; set; }

    public string? AtStakeCurrency { get; set; }

    public string? Harm { get; set; }

    public string? Note { get; set; }

    /// <summary>The escalation raised for it (reason policy_blocked, naming the policy's code).</summary>
    public Guid? EscalationId { get; set; }

    public Guid? RecordedById { get; set; }

    public required string RecordedByName { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    public string? OutcomeReason { get; set; }
}

public enum PolicyBlockOutcome
{
    /// <summary>The request was refused under the policy.</summary>
    Refused,

    /// <summary>Sent up the chain; waiting on someone who may make an exception.</summary>
    Escalated,

    /// <summary>Someone with the authority made an exception: the customer got what they asked.</summary>
    ExceptionGranted,

    /// <summary>Reviewed higher up and the refusal stood.</summary>
    Upheld,
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> e)
    {
        e.ToTable("policies");
        e.Property(p => p.Code).HasMaxLength(100);
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.Description).HasMaxLength(2000);
        e.Property(p => p.Owner).HasMaxLength(200);
        e.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class PolicyBlockConfiguration : IEntityTypeConfiguration<PolicyBlock>
{
    public void Configure(EntityTypeBuilder<PolicyBlock> e)
    {
        e.ToTable("policy_blocks");
        e.Property(b => b.Outcome).HasConversion<string>().HasMaxLength(24);
        e.Property(b => b.AtStakeAmount).HasPrecision(18, 2);
        e.Property(b => b.AtStakeCurrency).HasMaxLength(3);
        e.Property(b => b.Harm).HasMaxLength(2000);
        e.Property(b => b.Note).HasMaxLength(2000);
        e.Property(b => b.RecordedByName).HasMaxLength(320);
        e.Property(b => b.OutcomeReason).HasMaxLength(2000);
        e.HasOne<Policy>().WithMany().HasForeignKey(b => b.PolicyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Escalation>().WithMany().HasForeignKey(b => b.EscalationId).OnDelete(DeleteBehavior.SetNull);

        // The report reads a window of blocks; the drill-down reads one policy's.
        e.HasIndex(b => b.RecordedAt);
        e.HasIndex(b => new { b.PolicyId, b.RecordedAt });
        e.HasIndex(b => b.CaseId);
        e.HasIndex(b => b.EscalationId);
    }
}
