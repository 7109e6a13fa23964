using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Expectations;

/// <summary>
/// What the customer expected and where the expectation came from. One the company created (overtly or by implication)
/// is valid and becomes an obligation on the case until met; one it did not create gets a respectful explanation.
/// </summary>
public sealed class Expectation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>In the customer's terms, e.g. "free international shipping".</summary>
    public required string Text { get; set; }

    public ExpectationSource Source { get; set; }

    /// <summary>Which page, advert or clause, e.g. "Summer sale promotion page".</summary>
    public string? SourceDetail { get; set; }

    public bool CompanyCreated { get; set; }

    public bool Valid { get; set; }

    /// <summary>For a valid one: what the company owes, shown on the case until met.</summary>
    public string? Obligation { get; set; }

    /// <summary>For an invalid one: what is actually offered, used in the explanation.</summary>
    public string? Actual { get; set; }

    public DateTimeOffset? MetAt { get; set; }

    public string? MetByName { get; set; }

    public string? MetNote { get; set; }

    public DateTimeOffset? ExplainedAt { get; set; }

    public Guid? RecordedById { get; set; }

    public required string RecordedByName { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public enum ExpectationSource
{
    PromotionPage,
    Advert,
    Website,
    Contract,
    IndustryNorm,
    None,
}

internal sealed class ExpectationConfiguration : IEntityTypeConfiguration<Expectation>
{
    public void Configure(EntityTypeBuilder<Expectation> e)
    {
        e.ToTable("expectations");
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.SourceDetail).HasMaxLength(500);
        e.Property(x => x.Obligation).HasMaxLength(1000);
        e.Property(x => x.Actual).HasMaxLength(1000);
        e.Property(x => x.MetByName).HasMaxLength(320);
        e.Property(x => x.MetNote).HasMaxLength(2000);
        e.Property(x => x.RecordedByName).HasMaxLength(320);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.RecordedAt });

        // The report of sources creating invalid expectations reads a window by time.
        e.HasIndex(x => new { x.RecordedAt, x.Source });
    }
}
