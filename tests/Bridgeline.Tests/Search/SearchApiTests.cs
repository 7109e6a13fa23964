using System.Net;
using Bridgeline.Tests.Support;
using Bridgeline.Tests.WrapUps;

namespace Bridgeline.Tests.Search;

public abstract class SearchApiTests(BridgelineApp app)
{
    private async Task<(Staff Agent, CaseJson Case, string Marker)> ArrangeAsync(string team, string channel = "email")
    {
        var agent = await app.CreateStaffAsync("agent", team);
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Lena Guidry", emails = new[] { $"{marker}@example.com" } });
        var created = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Refund for the storm shutters " + marker, channel, team, body = $"The storm shutters arrived cracked, reference {marker}. I want a refund." });
        return (agent, created, marker);
    }

    [Fact]
    public async Task NoteWrittenJustNow_IsFoundAtOnce_WithAHighlightedSnippetAndCaseLink()
    {
        var (agent, c, marker) = await ArrangeAsync("Tier 1");
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "internal", text = $"Warehouse confirms {marker} shutters were damaged in transit; replacement approved." });

        var result = await agent.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}%20replacement");

        var hit = Assert.Single(result.Items);
        Assert.Equal("note", hit.Kind);
        Assert.Equal(c.Number, hit.CaseNumber);
        Assert.Contains($"<mark>{marker}</mark>", hit.Snippet);
        Assert.Contains("<mark>replacement</mark>", hit.Snippet);
        Assert.StartsWith($"/cases/{c.Number}", hit.Url);
    }

    [Fact]
    public async Task QuotedPhrase_MatchesOnlyTheWordsInThatOrder()
    {
        var (agent, c, marker) = await ArrangeAsync("Tier 1");
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "internal", text = $"{marker} label printed but the parcel never left the warehouse." });
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "internal", text = $"{marker} the warehouse says the parcel left, never mind the label." });

        var phrase = await agent.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}%20%22never%20left%20the%20warehouse%22");
        var words = await agent.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}%20never%20left%20warehouse&kind=note");

        Assert.Single(phrase.Items);
        Assert.Contains("label printed", phrase.Items[0].Snippet);
        Assert.Equal(2, words.Items.Count);
    }

    [Fact]
    public async Task Filters_NarrowByKindChannelTeamAgentReasonAndTime()
    {
        var (agent, c, marker) = await ArrangeAsync("Billing", "chat");
        var other = await app.CreateStaffAsync("agent", "Tier 1");
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/messages", new { direction = "outbound", body = $"We are refunding {marker} today." });
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "wrapup", text = $"Customer wanted a refund for cracked shutters {marker}; refunded 120 USD; no follow-up." });
        await other.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "internal", text = $"Checked the refund {marker} went through." });

        async Task<List<SearchHitJson>> Find(string filter) => (await agent.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}&{filter}")).Items;

        Assert.Equal(4, (await Find("")).Count); // the customer's first message, the reply, the wrap-up, the note
        Assert.Equal(["wrapup"], (await Find("kind=wrapup")).Select(h => h.Kind));
        Assert.Equal(2, (await Find("kind=message")).Count);
        Assert.Equal(4, (await Find("channel=chat")).Count(h => h.Kind == "message") + (await Find("kind=note")).Count + (await Find("kind=wrapup")).Count);
        Assert.Equal(4, (await Find("team=Billing")).Count);
        Assert.Empty(await Find("team=Tier%201"));
        Assert.Single(await Find($"agent={other.Id}"));
        Assert.Empty(await Find("reason=billing.fee-dispute"));
        var later = Uri.EscapeDataString(app.Clock.GetUtcNow().AddHours(1).ToString("O"));
        Assert.Empty(await Find($"from={later}"));
        Assert.Equal(4, (await Find($"to={later}")).Count);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("refund AND OR NOT")]
    [InlineData("refund* -( ) : ^ NEAR(")]
    [InlineData("'; DROP TABLE interactions; --")]
    [InlineData("\"\"")]
    public async Task QueryWithOperatorsOrStrayQuotes_IsReadAsPlainWords_Never500(string q)
    {
        var (agent, _, _) = await ArrangeAsync("Tier 1");
        using var response = await agent.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MissingQueryOrUnknownKind_Is400NamingTheField()
    {
        var (agent, _, _) = await ArrangeAsync("Tier 1");
        using var missing = await agent.Client.GetAsync("/api/search");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotEmpty((await missing.ProblemAsync()).ErrorsFor("q"));
        using var kind = await agent.Client.GetAsync("/api/search?q=x&kind=tweet");
        Assert.NotEmpty((await kind.ProblemAsync()).ErrorsFor("kind"));
    }

    [Fact]
    public async Task NoteTextIsEscapedInSnippets()
    {
        var (agent, c, marker) = await ArrangeAsync("Tier 1");
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{c.Number}/notes", new { kind = "internal", text = $"<script>alert(1)</script> {marker}" });
        var hit = Assert.Single((await agent.Client.GetJsonAsync<SearchJson>($"/api/search?q={marker}&kind=note")).Items);
        Assert.DoesNotContain("<script>", hit.Snippet);
        Assert.Contains($"<mark>{marker}</mark>", hit.Snippet);
    }
}

public sealed class SearchApiTestsOnSqlite(SqliteApp app) : SearchApiTests(app), IClassFixture<SqliteApp>;

public sealed class SearchApiTestsOnPostgres(PostgresApp app) : SearchApiTests(app), IClassFixture<PostgresApp>;
