using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bridgeline.Knowledge;

/// <summary>A knowledge base entry in Markdown: internal guidance for agents, and optionally a part to send to customers.</summary>
public sealed class Article
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The address of a public article: /kb/{slug}.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown for agents (or for customers, when public).</summary>
    public required string Body { get; set; }

    /// <summary>Plain text an agent may paste into a reply to the customer.</summary>
    public string? CustomerReply { get; set; }

    public ArticleVisibility Visibility { get; set; } = ArticleVisibility.Internal;

    public List<string> Tags { get; set; } = [];

    /// <summary>Contact reason codes the article answers ("order.not-received").</summary>
    public List<string> ContactReasons { get; set; } = [];

    /// <summary>Anomaly codes the article is for ("carrier_never_received").</summary>
    public List<string> Anomalies { get; set; } = [];

    public int Version { get; set; } = 1;

    public int HelpfulYes { get; set; }

    public int HelpfulNo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

public enum ArticleVisibility
{
    Internal,
    Public,
}

/// <summary>A snapshot of an article as one edit left it: who changed what, when.</summary>
public sealed class ArticleVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ArticleId { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? CustomerReply { get; set; }

    public ArticleVisibility Visibility { get; set; }

    /// <summary>The fields this edit changed, comma-separated.</summary>
    public required string Changed { get; set; }

    public string? Note { get; set; }

    public Guid? ChangedById { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>One "was this helpful?" answer, from an agent or an anonymous reader of a public article.</summary>
public sealed class ArticleFeedback
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ArticleId { get; set; }

    public bool Helpful { get; set; }

    public string? Comment { get; set; }

    public Guid? UserId { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>, IEntityTypeConfiguration<ArticleVersion>, IEntityTypeConfiguration<ArticleFeedback>
{
    public void Configure(EntityTypeBuilder<Article> e)
    {
        e.ToTable("articles");
        e.Property(a => a.Slug).HasMaxLength(120);
        e.Property(a => a.Title).HasMaxLength(300);
        e.Property(a => a.UpdatedBy).HasMaxLength(320);
        e.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasIndex(a => a.Slug).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ArticleVersion> e)
    {
        e.ToTable("article_versions");
        e.Property(v => v.Title).HasMaxLength(300);
        e.Property(v => v.Changed).HasMaxLength(200);
        e.Property(v => v.Note).HasMaxLength(1000);
        e.Property(v => v.ChangedBy).HasMaxLength(320);
        e.Property(v => v.Visibility).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.ArticleId, v.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ArticleFeedback> e)
    {
        e.ToTable("article_feedback");
        e.Property(f => f.Comment).HasMaxLength(2000);
        e.HasOne<Article>().WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.ArticleId, f.At });
    }
}
