using System.Text.RegularExpressions;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Ganss.Xss;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Knowledge;

public sealed record CreateArticleRequest(
    string? Title, string? Slug, string? Body, string? CustomerReply, string? Visibility,
    List<string>? Tags, List<string>? ContactReasons, List<string>? Anomalies);

/// <summary>Changes to an article; absent fields stay as they are. Note says why (kept in the version history).</summary>
public sealed record UpdateArticleRequest(
    string? Title, string? Body, string? CustomerReply, string? Visibility,
    List<string>? Tags, List<string>? ContactReasons, List<string>? Anomalies, string? Note);

public sealed record FeedbackRequest(bool? Helpful, string? Comment);

public sealed record ArticleDto(
    Guid Id, string Slug, string Title, string Body, string Html, string? CustomerReply, ArticleVisibility Visibility,
    IReadOnlyList<string> Tags, IReadOnlyList<string> ContactReasons, IReadOnlyList<string> Anomalies,
    int Version, int HelpfulYes, int HelpfulNo, DateTimeOffset UpdatedAt, string UpdatedBy, string? PublicUrl)
{
    public static ArticleDto From(Article a) => new(
        a.Id, a.Slug, a.Title, a.Body, ArticleMarkdown.ToSafeHtml(a.Body), a.CustomerReply, a.Visibility, a.Tags, a.ContactReasons, a.Anomalies,
        a.Version, a.HelpfulYes, a.HelpfulNo, a.UpdatedAt, a.UpdatedBy, a.Visibility == ArticleVisibility.Public ? "/kb/" + a.Slug : null);
}

public sealed record ArticleVersionDto(int Version, string Title, string Changed, string? Note, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record SuggestedArticle(string Slug, string Title, string? CustomerReply, int Score, IReadOnlyList<string> Why);

/// <summary>Markdown to HTML for articles: Markdig without raw HTML, then sanitised, so an article can never carry script.</summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = new();

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}

public sealed partial class ArticleOperations(BridgelineDb db, TimeProvider clock)
{
    public async Task<Article> CreateAsync(CreateArticleRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var title = v.Required("title", request.Title, 300);
        var body = v.Required("body", request.Body, 200_000);
        var reply = v.Optional("customerReply", request.CustomerReply, 20_000);
        var visibility = v.Enum<ArticleVisibility>("visibility", request.Visibility, required: false) ?? ArticleVisibility.Internal;
        var slug = request.Slug is null ? Slugify(title ?? "") : v.Required("slug", request.Slug, 120)?.ToLowerInvariant();
        if (slug is not null && !SlugPattern().IsMatch(slug))
        {
            v.Add("slug", "Use lowercase letters, digits and hyphens, e.g. carrier-never-received.");
        }

        var tags = Codes(v, "tags", request.Tags);
        var reasons = Codes(v, "contactReasons", request.ContactReasons);
        var anomalies = Codes(v, "anomalies", request.Anomalies);
        v.ThrowIfInvalid();

        if (await db.Set<Article>().AnyAsync(a => a.Slug == slug, ct))
        {
            throw new ConflictProblem($"An article with the address '{slug}' exists already.");
        }

        await CheckReasonsAsync(reasons, ct);
        var now = clock.GetUtcNow();
        var article = new Article
        {
            Slug = slug!, Title = title!, Body = body!, CustomerReply = reply, Visibility = visibility,
            Tags = tags, ContactReasons = reasons, Anomalies = anomalies, CreatedAt = now, UpdatedAt = now, UpdatedBy = actor.Name,
        };
        db.Set<Article>().Add(article);
        db.Set<ArticleVersion>().Add(Snapshot(article, "created", null, actor, now));
        Auditor.Record(db, actor, now, "article", article.Id, "created", [new FieldChange("title", null, article.Title)]);
        await db.SaveChangesAsync(ct);
        return article;
    }

    public async Task<Article> UpdateAsync(string slug, UpdateArticleRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var title = v.Optional("title", request.Title, 300);
        var body = v.Optional("body", request.Body, 200_000);
        var visibility = v.Enum<ArticleVisibility>("visibility", request.Visibility, required: false);
        var tags = request.Tags is null ? null : Codes(v, "tags", request.Tags);
        var reasons = request.ContactReasons is null ? null : Codes(v, "contactReasons", request.ContactReasons);
        var anomalies = request.Anomalies is null ? null : Codes(v, "anomalies", request.Anomalies);
        var note = v.Optional("note", request.Note, 1000);
        if (request.CustomerReply is { Length: > 20_000 })
        {
            v.Add("customerReply", "Must be at most 20000 characters.");
        }

        v.ThrowIfInvalid();
        if (reasons is not null)
        {
            await CheckReasonsAsync(reasons, ct);
        }

        var article = await LoadAsync(slug, ct);
        var changes = new List<FieldChange>();
        Auditor.Compare(changes, "title", article.Title, title ?? article.Title);
        Auditor.Compare(changes, "body", article.Body, body ?? article.Body);
        Auditor.Compare(changes, "customerReply", article.CustomerReply, request.CustomerReply is null ? article.CustomerReply : request.CustomerReply.Trim());
        Auditor.Compare(changes, "visibility", Names.Of(article.Visibility), Names.Of(visibility ?? article.Visibility));
        Auditor.Compare(changes, "tags", string.Join(", ", article.Tags), string.Join(", ", tags ?? article.Tags));
        Auditor.Compare(changes, "contactReasons", string.Join(", ", article.ContactReasons), string.Join(", ", reasons ?? article.ContactReasons));
        Auditor.Compare(changes, "anomalies", string.Join(", ", article.Anomalies), string.Join(", ", anomalies ?? article.Anomalies));
        if (changes.Count == 0)
        {
            return article;
        }

        var now = clock.GetUtcNow();
        article.Title = title ?? article.Title;
        article.Body = body ?? article.Body;
        article.CustomerReply = request.CustomerReply is null ? article.CustomerReply : (request.CustomerReply.Trim() is { Length: > 0 } r ? r : null);
        article.Visibility = visibility ?? article.Visibility;
        article.Tags = tags ?? article.Tags;
        article.ContactReasons = reasons ?? article.ContactReasons;
        article.Anomalies = anomalies ?? article.Anomalies;
        article.Version++;
        article.UpdatedAt = now;
        article.UpdatedBy = actor.Name;
        var changed = string.Join(",", changes.Select(c => c.Field));
        db.Set<ArticleVersion>().Add(Snapshot(article, changed, note, actor, now));
        // The audit keeps short fields verbatim; long texts are named, their old text is in the version history.
        Auditor.Record(db, actor, now, "article", article.Id, "updated",
            changes.Select(c => c.Field is "body" or "customerReply" ? new FieldChange(c.Field, "(previous version)", $"version {article.Version}") : c), note);
        await db.SaveChangesAsync(ct);
        return article;
    }

    public async Task<Article> AddFeedbackAsync(string slug, FeedbackRequest request, Actor? actor, bool publicOnly, CancellationToken ct)
    {
        if (request.Helpful is null)
        {
            throw ValidationFailed.For("helpful", "Say true (helpful) or false (not helpful).");
        }

        var comment = new Validator().Optional("comment", request.Comment, 2000);
        var article = await LoadAsync(slug, ct);
        if (publicOnly && article.Visibility != ArticleVisibility.Public)
        {
            throw new NotFoundProblem($"Article '{slug}'");
        }

        db.Set<ArticleFeedback>().Add(new ArticleFeedback { ArticleId = article.Id, Helpful = request.Helpful.Value, Comment = comment, UserId = actor?.UserId, At = clock.GetUtcNow() });
        if (request.Helpful.Value)
        {
            article.HelpfulYes++;
        }
        else
        {
            article.HelpfulNo++;
        }

        await ConcurrencyRetry.RunAsync(db, async () => await db.SaveChangesAsync(ct), ct);
        return article;
    }

    public async Task<Article> LoadAsync(string slug, CancellationToken ct) =>
        await db.Set<Article>().FirstOrDefaultAsync(a => a.Slug == slug.ToLowerInvariant(), ct) ?? throw new NotFoundProblem($"Article '{slug}'");

    /// <summary>
    /// Articles for a case: its contact reason, its anomalies (case tags and any given, such as
    /// "carrier_never_received") and words its subject and messages share with an article's title and tags.
    /// </summary>
    public async Task<IReadOnlyList<SuggestedArticle>> SuggestAsync(string caseNumber, IReadOnlyCollection<string> anomalies, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var messages = await db.Interactions.AsNoTracking()
            .Where(i => i.CaseId == @case.Id && i.Kind == InteractionKind.Message)
            .OrderByDescending(i => i.OccurredAt).Take(5).Select(i => i.Body).ToListAsync(ct);
        var words = Words(@case.Subject + " " + string.Join(" ", messages));
        var caseAnomalies = anomalies.Concat(@case.Tags).Select(a => a.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var articles = await db.Set<Article>().AsNoTracking().ToListAsync(ct);
        var suggested = new List<SuggestedArticle>();
        foreach (var a in articles)
        {
            var why = new List<string>();
            var score = 0;
            foreach (var anomaly in a.Anomalies.Where(caseAnomalies.Contains))
            {
                score += 10;
                why.Add("anomaly: " + anomaly);
            }

            if (@case.ContactReasonCode is { } reason && a.ContactReasons.Contains(reason))
            {
                score += 5;
                why.Add("reason: " + reason);
            }

            var shared = Words(a.Title + " " + string.Join(" ", a.Tags)).Intersect(words, StringComparer.Ordinal).ToList();
            if (shared.Count > 0)
            {
                score += shared.Count;
                why.Add("words: " + string.Join(", ", shared.Take(4)));
            }

            if (score > 0)
            {
                suggested.Add(new SuggestedArticle(a.Slug, a.Title, a.CustomerReply, score, why));
            }
        }

        return suggested.OrderByDescending(s => s.Score).ThenBy(s => s.Title, StringComparer.Ordinal).Take(5).ToList();
    }

    public async Task<List<ArticleVersionDto>> VersionsAsync(string slug, CancellationToken ct)
    {
        var article = await LoadAsync(slug, ct);
        return await db.Set<ArticleVersion>().AsNoTracking().Where(v => v.ArticleId == article.Id).OrderByDescending(v => v.Version)
            .Select(v => new ArticleVersionDto(v.Version, v.Title, v.Changed, v.Note, v.ChangedBy, v.ChangedAt)).ToListAsync(ct);
    }

    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "from", "have", "your", "what", "when", "where", "order", "please", "about", "been", "days", "there",
    };

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4 && !Common.Contains(w)).ToHashSet(StringComparer.Ordinal);

    private static ArticleVersion Snapshot(Article a, string changed, string? note, Actor actor, DateTimeOffset now) => new()
    {
        ArticleId = a.Id, Version = a.Version, Title = a.Title, Body = a.Body, CustomerReply = a.CustomerReply, Visibility = a.Visibility,
        Changed = changed, Note = note, ChangedById = actor.UserId, ChangedBy = actor.Name, ChangedAt = now,
    };

    private async Task CheckReasonsAsync(List<string> reasons, CancellationToken ct)
    {
        var known = await db.ContactReasons.AsNoTracking().Where(r => reasons.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
        var unknown = reasons.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailed.For("contactReasons", "Unknown contact reason(s): " + string.Join(", ", unknown) + ".");
        }
    }

    private static List<string> Codes(Validator v, string field, List<string>? values)
    {
        var list = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i]?.Trim();
            if (string.IsNullOrEmpty(value) || value.Length > 100)
            {
                v.Add($"{field}[{i}]", "Must be 1 to 100 characters.");
                continue;
            }

            if (!list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }

        return list;
    }

    public static string Slugify(string title)
    {
        var slug = NonSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug.Length == 0 ? "article" : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex WordPattern();
}
