using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.WrapUps;

public abstract class WrapUpApiTests(BridgelineApp app)
{
    private async Task<(Staff Agent, CaseJson Case)> HotlineCallAsync(string team = "Hotline")
    {
        var agent = await app.CreateStaffAsync("agent", team);
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Denise Boudreaux", phones = new[] { "+1 504-555-0143" } });
        var created = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Claim for my fishing boat", channel = "phone", team, body = "My boat has not been out for six weeks and my claim has had no answer." });
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{created.Number}/calls", new { direction = "inbound", from = "+15045550143", agent = agent.Id.ToString(), startedAt = app.Clock.GetUtcNow().AddMinutes(-12), endedAt = app.Clock.GetUtcNow() });
        return (agent, created);
    }

    [Fact]
    public async Task S1_BlahIsRefusedWithTheReason_ARealWrapUpIsAccepted_TheManagerFindsTheOneRealBlahAndSeesTheRefusals()
    {
        var (agent, claim) = await HotlineCallAsync();
        var manager = await app.CreateStaffAsync("manager", "Hotline");

        using var blah = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{claim.Number}/notes", new { kind = "wrapup", text = "blah blah blah" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blah.StatusCode);
        var problem = await blah.ProblemAsync();
        var codes = problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("filler", codes);
        Assert.Contains("\"blah\" is filler", problem.GetProperty("detail").GetString());
        Assert.Contains("say what the caller asked for", problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        using var good = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{claim.Number}/notes", new
        {
            kind = "wrapup",
            customerWanted = "an answer on the boat claim filed six weeks ago",
            done = "found the adjuster visit was never booked; booked it for Thursday 10:00",
            next = "adjuster visits Thursday, I call the customer Wednesday to confirm",
        });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);

        // An internal note that really says "blah": quoting the caller is not junk.
        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{claim.Number}/notes", new { kind = "internal", text = "Caller said the last agent only told him blah and hung up." });

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{claim.Number}/timeline");
        Assert.DoesNotContain(timeline.Items, i => i.Body == "blah blah blah");
        Assert.Single(timeline.Items, i => i.NoteKind == "wrapup");

        var found = await manager.Client.GetJsonAsync<SearchJson>($"/api/search?q=blah&team=Hotline");
        var hit = Assert.Single(found.Items);
        Assert.Equal("note", hit.Kind);
        Assert.Equal(claim.Number, hit.CaseNumber);
        Assert.Contains("<mark>blah</mark>", hit.Snippet);
        Assert.StartsWith($"/cases/{claim.Number}", hit.Url);

        var report = await manager.Client.GetJsonAsync<QualityJson>("/api/reports/wrap-up-quality");
        var row = Assert.Single(report.Agents, a => a.Id == agent.Id);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(1, row.Refused);
        Assert.Equal(1, row.RefusedAtFirstTry);
        Assert.Equal(1.0, row.RefusedAtFirstTryShare);
        Assert.Equal(0, row.ContactsWithoutWrapUp);
        Assert.Contains(report.Teams, t => t.Name == "Hotline" && t.Refused >= 1);
    }

    [Fact]
    public async Task RefusedWrapUp_WritesNoNote_AndAReasonForEachFault()
    {
        var (agent, claim) = await HotlineCallAsync();

        foreach (var (text, code) in new[] { ("asdf", "filler"), ("see above", "filler"), ("sdfghjkl jkjkjkjk", "keyboard_mashing"), ("Customer called, issue resolved.", "boilerplate") })
        {
            using var response = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{claim.Number}/notes", new { kind = "wrapup", text });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var reasons = (await response.ProblemAsync()).GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString());
            Assert.Contains(code, reasons);
        }

        using var structured = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{claim.Number}/notes", new { kind = "wrapup", customerWanted = "", done = "ok", next = "n/a" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, structured.StatusCode);
        var missing = (await structured.ProblemAsync()).GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("say what the caller asked for", missing);
        Assert.Contains("say what was done", missing);

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{claim.Number}/timeline");
        Assert.DoesNotContain(timeline.Items, i => i.Kind == "note");
    }

    [Fact]
    public async Task SameWrapUpTwice_SecondIsRefusedAsACopy()
    {
        var (agent, first) = await HotlineCallAsync();
        var (_, _) = (agent, first);
        const string text = "Caller asked for the status of the boat claim; booked the adjuster for Thursday; I call back Wednesday.";
        using var one = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{first.Number}/notes", new { kind = "wrapup", text });
        Assert.Equal(HttpStatusCode.Created, one.StatusCode);

        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Marcus Thibodeaux", phones = new[] { "+1 985-555-0178" } });
        var second = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Claim adjuster never called", channel = "phone" });
        using var two = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{second.Number}/notes", new { kind = "wrapup", text });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, two.StatusCode);
        Assert.Contains("copy_of_previous", (await two.ProblemAsync()).GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task QualityReport_IsForSupervisorsAndAbove()
    {
        var (agent, _) = await HotlineCallAsync();
        using var response = await agent.Client.GetAsync("/api/reports/wrap-up-quality");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed record SearchJson(string Query, List<SearchHitJson> Items);

public sealed record SearchHitJson(string Kind, Guid Id, string Title, string Snippet, string? CaseNumber, string Url, string? Author, string? Channel, DateTimeOffset? OccurredAt, double Rank);

public sealed record QualityJson(List<QualityRowJson> Agents, List<QualityRowJson> Teams);

public sealed record QualityRowJson(Guid? Id, string Name, string? Team, int Attempts, int Refused, int FirstTries, int RefusedAtFirstTry, double RefusedAtFirstTryShare, double AverageScore, int Contacts, int ContactsWithoutWrapUp, int Cases, int EscalatedCases, List<string> Anomalies);

public sealed class WrapUpApiTestsOnSqlite(SqliteApp app) : WrapUpApiTests(app), IClassFixture<SqliteApp>;

public sealed class WrapUpApiTestsOnPostgres(PostgresApp app) : WrapUpApiTests(app), IClassFixture<PostgresApp>;
