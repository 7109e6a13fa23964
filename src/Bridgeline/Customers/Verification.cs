using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Customers;

/// <summary>How the agent verified the caller on a case (e.g. account number + postcode, a one-time code by email).</summary>
public sealed class IdentityVerification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>"account_and_postcode", "email_code", "sms_code", "security_question", "in_person", "other".</summary>
    public required string Method { get; set; }

    public string? Detail { get; set; }

    public Guid? VerifiedById { get; set; }

    public required string VerifiedByName { get; set; }

    public DateTimeOffset VerifiedAt { get; set; }
}

public sealed class IdentityVerificationConfiguration : IEntityTypeConfiguration<IdentityVerification>
{
    public void Configure(EntityTypeBuilder<IdentityVerification> e)
    {
        e.Property(v => v.Method).HasMaxLength(64);
        e.Property(v => v.Detail).HasMaxLength(500);
        e.Property(v => v.VerifiedByName).HasMaxLength(320);
        e.HasOne<Case>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.CaseId, v.VerifiedAt });
        e.HasIndex(v => new { v.CustomerId, v.VerifiedAt });
    }
}
