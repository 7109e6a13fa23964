using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Expectations;

/// <summary>S12 "Expectations the company created": free international shipping, from the promotion page or not.</summary>
public abstract class ExpectationStoryTests(BridgelineApp app)
{
    [Fact]
    public async Task S12_ValidExpectationIsAnObligationUntilMet_InvalidOneGetsARespectfulExplanation_ReportShowsTheSourcesOfWrongOnes()
    {
        var agent = await app.CreateStaffAsync("agent");
        var supervisor = await app.CreateStaffAsync("supervisor");
        var run = Guid.NewGuid().ToString("N")[..6];

        // The promotion page promised free shipping without saying "domestic only": the company created the expectation.
        var maria = await CaseAsync(agent, "Maria Garcia", "I was charged 25 USD for shipping to Canada; your promotion said free shipping.");
        var valid = await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{maria.Number}/expectations", new
        {
            expectation = "free international shipping",
            source = "promotion_page",
            sourceDetail = $"Spring sale page {run}",
            obligation = "Refund the 25.00 USD shipping charge on her order.",
        });
        Assert.True(valid.GetProperty("companyCreated").GetBoolean());
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.True(valid.GetProperty("obligationOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, valid.GetProperty("explanation").ValueKind);

        // It is on the case until met.
        var open = Assert.Single(await agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{maria.Number}/expectations"));
        Assert.Equal("Refund the 25.00 USD shipping charge on her order.", open.GetProperty("obligation").GetString());
        var met = await agent.Client.PostJsonAsync<JsonElement>($"/api/expectations/{valid.GetProperty("id").GetGuid()}/met", new { note = "Shipping refunded." });
        Assert.False(met.GetProperty("obligationOpen").GetBoolean());
        Assert.Equal(agent.Name, met.GetProperty("metBy").GetString());
        using var explainValid = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/expectations/{valid.GetProperty("id").GetGuid()}/explanation", new { });
        Assert.Equal(HttpStatusCode.Conflict, explainValid.StatusCode);
        var mariaTimeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{maria.Number}/timeline");
        Assert.Contains(mariaTimeline.Items, i => i.EventType == "expectation_recorded" && i.Body!.Contains("created by the company: yes", StringComparison.Ordinal));
        Assert.Contains(mariaTimeline.Items, i => i.EventType == "obligation_met");

        // Another customer expected it because other shops do it: not created by the company, explained with respect.
        var john = await CaseAsync(agent, "John Smith", "Every shop ships abroad for free these days. Why do you charge me?");
        var invalid = await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{john.Number}/expectations", new
        {
            expectation = "free international shipping",
            source = "industry_norm",
            valid = false,
            actual = "free shipping within the United States on orders over 50 USD",
        });
        Assert.False(invalid.GetProperty("companyCreated").GetBoolean());
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.False(invalid.GetProperty("obligationOpen").GetBoolean());
        var explanation = invalid.GetProperty("explanation").GetString()!;
        Assert.StartsWith("Dear John, thank you for telling us that you expected free international shipping.", explanation, StringComparison.Ordinal);
        Assert.Contains("What we do offer is: free shipping within the United States on orders over 50 USD.", explanation, StringComparison.Ordinal);
        using var sent = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/expectations/{invalid.GetProperty("id").GetGuid()}/explanation", new { });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var johnTimeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{john.Number}/timeline");
        Assert.Contains(johnTimeline.Items, i => i.Kind == "message" && i.Direction == "outbound" && i.Body == explanation);

        // An advert whose small print excluded other countries: the company created a wrong expectation.
        var denise = await CaseAsync(agent, "Denise Boudreaux", "Your advert said free shipping; it did not say US only.");
        await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{denise.Number}/expectations", new
        {
            expectation = "free shipping to France",
            source = "advert",
            sourceDetail = $"Radio advert {run}",
            valid = false,
            actual = "free shipping within the United States",
        });

        var report = await supervisor.Client.GetJsonAsync<JsonElement>("/api/reports/expectations");
        var sources = report.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!);
        Assert.True(sources["advert"].GetProperty("invalidCreatedByCompany").GetInt32() >= 1);
        Assert.Contains(sources["advert"].GetProperty("invalidBy").EnumerateArray(), d => d.GetProperty("detail").GetString() == $"Radio advert {run}");
        Assert.True(sources["industry_norm"].GetProperty("invalid").GetInt32() >= 1);
        Assert.True(sources["promotion_page"].GetProperty("valid").GetInt32() >= 1);
        using var agentReport = await agent.Client.GetAsync("/api/reports/expectations");
        Assert.Equal(HttpStatusCode.Forbidden, agentReport.StatusCode);
    }

    [Theory]
    [InlineData("{\"source\":\"advert\"}", "expectation")]
    [InlineData("{\"expectation\":\"x\",\"source\":\"rumour\"}", "source")]
    [InlineData("{\"expectation\":\"x\",\"source\":\"none\",\"companyCreated\":true}", "companyCreated")]
    [InlineData("{\"expectation\":\"x\",\"source\":\"none\",\"obligation\":\"y\"}", "obligation")]
    public async Task BadExpectation_Is400NamingTheFieldAndRecordsNothing(string body, string field)
    {
        var agent = await app.CreateStaffAsync("agent");
        var @case = await CaseAsync(agent, "Rosa Park", "I expected more.");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await agent.Client.PostAsync($"/api/cases/{@case.Number}/expectations", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ProblemAsync()).ErrorsFor(field));
        Assert.Empty(await agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/expectations"));
    }

    private static async Task<CaseJson> CaseAsync(Staff agent, string name, string said)
    {
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name });
        return await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Shipping was not free", channel = "email", body = said });
    }
}

public sealed class ExpectationStoryTestsOnSqlite(SqliteApp app) : ExpectationStoryTests(app), IClassFixture<SqliteApp>;

public sealed class ExpectationStoryTestsOnPostgres(PostgresApp app) : ExpectationStoryTests(app), IClassFixture<PostgresApp>;
