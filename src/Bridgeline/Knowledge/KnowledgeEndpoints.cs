using System.Net;
using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Knowledge;

public static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles").WithTags("Knowledge");
        articles.MapGet("/", List).WithSummary("Articles, filtered by tag, contact reason, anomaly code or visibility.").RequireAuthorization(Policies.Staff);
        articles.MapPost("/", Create).WithIdempotency().RequireAuthorization(Policies.Supervisor)
            .WithSummary("Write an article in Markdown: title, body, customerReply, visibility (internal | public), tags, contactReasons, anomalies.");
        articles.MapGet("/{slug}", Get).WithSummary("An article, its Markdown and its sanitised HTML.").RequireAuthorization(Policies.Staff);
        articles.MapPatch("/{slug}", Update).WithSummary("Change an article; each change is a new version with who changed what.").RequireAuthorization(Policies.Supervisor);
        articles.MapGet("/{slug}/versions", Versions).WithSummary("Who changed what, version by version.").RequireAuthorization(Policies.Staff);
        articles.MapPost("/{slug}/feedback", Feedback).WithSummary("Was this helpful? {\"helpful\": true|false, \"comment\"}.").RequireAuthorization(Policies.Staff);

        app.MapGet("/api/cases/{number}/suggested-articles", Suggested).WithTags("Knowledge")
            .WithSummary("Articles for the case: by contact reason, anomaly codes (case tags and ?anomaly=) and shared words.")
            .RequireAuthorization(Policies.Staff);

        app.MapGet("/kb/{slug}", PublicPage).WithTags("Knowledge").AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/kb/{slug}/feedback", PublicFeedback).WithTags("Knowledge").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<List<ArticleDto>> List(string? tag, string? reason, string? anomaly, string? visibility, BridgelineDb db, CancellationToken ct)
    {
        var query = db.Set<Article>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(visibility))
        {
            var v = new Validator();
            var parsed = v.Enum<ArticleVisibility>("visibility", visibility, required: false);
            v.ThrowIfInvalid();
            query = query.Where(a => a.Visibility == parsed);
        }

        var all = await query.OrderBy(a => a.Title).Take(500).ToListAsync(ct);
        return all
            .Where(a => tag is null || a.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(a => reason is null || a.ContactReasons.Contains(reason, StringComparer.OrdinalIgnoreCase))
            .Where(a => anomaly is null || a.Anomalies.Contains(anomaly, StringComparer.OrdinalIgnoreCase))
            .Select(ArticleDto.From).ToList();
    }

    private static async Task<Created<ArticleDto>> Create(CreateArticleRequest request, ArticleOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var article = await operations.CreateAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/articles/{article.Slug}", ArticleDto.From(article));
    }

    private static async Task<ArticleDto> Get(string slug, ArticleOperations operations, CancellationToken ct) =>
        ArticleDto.From(await operations.LoadAsync(slug, ct));

    private static async Task<ArticleDto> Update(string slug, UpdateArticleRequest request, ArticleOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        ArticleDto.From(await operations.UpdateAsync(slug, request, Actor.From(user), ct));

    private static Task<List<ArticleVersionDto>> Versions(string slug, ArticleOperations operations, CancellationToken ct) => operations.VersionsAsync(slug, ct);

    private static async Task<ArticleDto> Feedback(string slug, FeedbackRequest request, ArticleOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        ArticleDto.From(await operations.AddFeedbackAsync(slug, request, Actor.From(user), publicOnly: false, ct));

    private static Task<IReadOnlyList<SuggestedArticle>> Suggested(string number, [FromQuery] string[]? anomaly, ArticleOperations operations, CancellationToken ct) =>
        operations.SuggestAsync(number, anomaly ?? [], ct);

    private static async Task<IResult> PublicPage(string slug, ArticleOperations operations, CancellationToken ct, bool? thanks = null)
    {
        Article article;
        try
        {
            article = await operations.LoadAsync(slug, ct);
        }
        catch (NotFoundProblem)
        {
            return Results.Content(Page("Not found", "<p>There is no such article.</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        // Internal articles do not exist as far as the public is concerned.
        if (article.Visibility != ArticleVisibility.Public)
        {
            return Results.Content(Page("Not found", "<p>There is no such article.</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var feedback = thanks == true
            ? "<p class=\"thanks\">Thank you for your feedback.</p>"
            : $"""
              <form method="post" action="/kb/{WebUtility.UrlEncode(article.Slug)}/feedback">
                <p>Was this helpful?
                  <button name="helpful" value="true">Yes</button>
                  <button name="helpful" value="false">No</button></p>
              </form>
              """;
        var body = $"<article>{ArticleMarkdown.ToSafeHtml(article.Body)}</article>{feedback}<p class=\"updated\">Updated {article.UpdatedAt:yyyy-MM-dd}</p>";
        return Results.Content(Page(article.Title, body), "text/html; charset=utf-8");
    }

    private static async Task<IResult> PublicFeedback(string slug, HttpRequest request, ArticleOperations operations, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        bool? helpful = bool.TryParse(form["helpful"], out var h) ? h : null;
        try
        {
            await operations.AddFeedbackAsync(slug, new FeedbackRequest(helpful, form["comment"]), null, publicOnly: true, ct);
        }
        catch (NotFoundProblem)
        {
            return Results.NotFound();
        }

        return Results.Redirect($"/kb/{WebUtility.UrlEncode(slug)}?thanks=true");
    }

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}
        h1{font-size:1.6rem}.updated{color:#667;font-size:.85rem}button{font:inherit;padding:.3rem .9rem}</style></head>
        <body><h1>{{WebUtility.HtmlEncode(title)}}</h1>{{body}}</body></html>
        """;
}
