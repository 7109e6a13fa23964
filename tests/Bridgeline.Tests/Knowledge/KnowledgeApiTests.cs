using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;
using Bridgeline.Tests.WrapUps;

namespace Bridgeline.Tests.Knowledge;

public abstract class KnowledgeApiTests(BridgelineApp app)
{
    private static string Slug() => "kb-" + Guid.NewGuid().ToString("N")[..10];

    private async Task EnsureReasonAsync(string code)
    {
        using var _ = await app.Admin.SendJsonAsync(HttpMethod.Post, "/api/contact-reasons", new { code, name = code });
    }

    [Fact]
    public async Task S3_AnomalyLinkedArticleIsSuggestedOnTheCase_AndItsCustomerPartCanBeSentAsAReply()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var agent = await app.CreateStaffAsync("agent");
        var slug = Slug();
        await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new
        {
            title = "Carrier never received the parcel",
            slug,
            body = "Only **Shipping label created** for days: offer a reship by express at no charge, or a refund.",
            customerReply = "Your parcel was never handed to the carrier. We are sending a replacement by express today, at no cost to you.",
            visibility = "internal",
            tags = new[] { "shipping" },
            anomalies = new[] { "carrier_never_received" },
        });
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var order = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Where is my order C-1001?", channel = "phone", tags = new[] { "carrier_never_received" } });

        var suggested = await agent.Client.GetJsonAsync<List<SuggestedJson>>($"/api/cases/{order.Number}/suggested-articles");
        var top = suggested.First();
        Assert.Equal(slug, top.Slug);
        Assert.Contains("anomaly: carrier_never_received", top.Why);

        // The anomaly can also come from the order's tracking, passed by the caller.
        var plain = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Parcel question", channel = "phone" });
        var byQuery = await agent.Client.GetJsonAsync<List<SuggestedJson>>($"/api/cases/{plain.Number}/suggested-articles?anomaly=carrier_never_received");
        Assert.Equal(slug, byQuery.First().Slug);

        var reply = await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{order.Number}/messages", new { direction = "outbound", body = top.CustomerReply });
        Assert.Equal("outbound", reply.Direction);
        Assert.Contains("never handed to the carrier", reply.Body);
    }

    [Fact]
    public async Task ArticleMarkdownWithScript_IsSanitised_AndEditsKeepVersionsWithWhoChangedWhat()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var slug = Slug();
        var created = await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new
        {
            title = "Refund rules",
            slug,
            body = "# Refunds\n<script>alert('x')</script>\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\nRefund **within 14 days**.",
        });
        Assert.DoesNotContain("<script", created.Html);
        Assert.DoesNotContain("javascript:", created.Html);
        Assert.DoesNotContain("<img", created.Html);
        Assert.Contains("<strong>within 14 days</strong>", created.Html);

        using var edit = await supervisor.Client.SendJsonAsync(HttpMethod.Patch, $"/api/articles/{slug}", new { body = "Refund **within 30 days**.", tags = new[] { "refunds" }, note = "Policy changed in May" });
        var edited = await edit.ReadAsync<ArticleJson>();
        Assert.Equal(2, edited.Version);

        var versions = await supervisor.Client.GetJsonAsync<List<VersionJson>>($"/api/articles/{slug}/versions");
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("body,tags", versions[0].Changed);
        Assert.Equal(supervisor.Name, versions[0].ChangedBy);
        Assert.Equal("Policy changed in May", versions[0].Note);
    }

    [Fact]
    public async Task PublicArticle_IsAPlainPageForAnyone_InternalOnesAreNot_AndFeedbackIsCounted()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var agent = await app.CreateStaffAsync("agent");
        var slug = Slug();
        var hidden = Slug();
        await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new { title = "Reading your tracking", slug, body = "**Label created** means the shop prepared it.", visibility = "public" });
        await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new { title = "Internal escalation tips", slug = hidden, body = "Only for staff." });

        var anonymous = app.Anonymous();
        using var page = await anonymous.GetAsync($"/kb/{slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Label created</strong>", html);
        Assert.Contains("Was this helpful?", html);
        using var internalPage = await anonymous.GetAsync($"/kb/{hidden}");
        Assert.Equal(HttpStatusCode.NotFound, internalPage.StatusCode);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["helpful"] = "true" });
        using var vote = await anonymous.PostAsync($"/kb/{slug}/feedback", form);
        Assert.Equal(HttpStatusCode.Redirect, vote.StatusCode);
        await agent.Client.PostJsonAsync<ArticleJson>($"/api/articles/{slug}/feedback", new { helpful = false, comment = "Did not explain 'in transit'." });

        var article = await agent.Client.GetJsonAsync<ArticleJson>($"/api/articles/{slug}");
        Assert.Equal(1, article.HelpfulYes);
        Assert.Equal(1, article.HelpfulNo);
        Assert.Equal($"/kb/{slug}", article.PublicUrl);
    }

    [Fact]
    public async Task AgentsReadButDoNotWriteArticles_AndBadInputNamesTheField()
    {
        var agent = await app.CreateStaffAsync("agent");
        var supervisor = await app.CreateStaffAsync("supervisor");
        using var forbidden = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/articles", new { title = "x", body = "y" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var bad = await supervisor.Client.SendJsonAsync(HttpMethod.Post, "/api/articles", new { title = "", body = "y", slug = "Not A Slug", visibility = "secret", contactReasons = new[] { "no.such-reason" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ProblemAsync();
        Assert.NotEmpty(problem.ErrorsFor("title"));
        Assert.NotEmpty(problem.ErrorsFor("slug"));
        Assert.NotEmpty(problem.ErrorsFor("visibility"));

        using var unknownReason = await supervisor.Client.SendJsonAsync(HttpMethod.Post, "/api/articles", new { title = "Fine", body = "y", contactReasons = new[] { "no.such-reason" } });
        Assert.NotEmpty((await unknownReason.ProblemAsync()).ErrorsFor("contactReasons"));

        var slug = Slug();
        await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new { title = "Dup", body = "y", slug });
        using var duplicate = await supervisor.Client.SendJsonAsync(HttpMethod.Post, "/api/articles", new { title = "Dup", body = "y", slug });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Articles_AreSearchableAtOnce()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var marker = "kq" + Guid.NewGuid().ToString("N")[..8];
        var slug = Slug();
        await supervisor.Client.PostJsonAsync<ArticleJson>("/api/articles", new { title = $"Damaged {marker} shutters", slug, body = "Ask for a photo, then reship." });

        var result = await supervisor.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}&kind=article");
        var hit = Assert.Single(result.Items);
        Assert.Equal("article", hit.Kind);
        Assert.Equal($"/knowledge/{slug}", hit.Url);
    }
}

public sealed record ArticleJson(Guid Id, string Slug, string Title, string Body, string Html, string? CustomerReply, string Visibility, List<string> Tags, List<string> ContactReasons, List<string> Anomalies, int Version, int HelpfulYes, int HelpfulNo, string? PublicUrl);

public sealed record VersionJson(int Version, string Title, string Changed, string? Note, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record SuggestedJson(string Slug, string Title, string? CustomerReply, int Score, List<string> Why);

public sealed class KnowledgeApiTestsOnSqlite(SqliteApp app) : KnowledgeApiTests(app), IClassFixture<SqliteApp>;

public sealed class KnowledgeApiTestsOnPostgres(PostgresApp app) : KnowledgeApiTests(app), IClassFixture<PostgresApp>;
