using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Cases;

public abstract class CaseApiTests(BridgelineApp app)
{
    private async Task<(Staff Agent, CustomerJson Customer)> ArrangeAsync()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Maria Garcia", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        return (agent, customer);
    }

    [Fact]
    public async Task RetriedCreateWithSameIdempotencyKey_ReturnsFirstResultAndCreatesOneCase()
    {
        var (agent, customer) = await ArrangeAsync();
        var body = new { customerId = customer.Id, subject = "Charged twice", channel = "web", body = "I was charged twice." };
        var key = Guid.NewGuid().ToString();

        using var first = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", body, key);
        using var second = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var cases = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}");
        Assert.Single(cases.Items);
    }

    [Fact]
    public async Task ConcurrentRetriesWithSameKey_CreateExactlyOneCase()
    {
        var (agent, customer) = await ArrangeAsync();
        var body = new { customerId = customer.Id, subject = "Line is down", channel = "phone" };
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", body, key)));

        // The case and its remembered answer commit together, so every retry gets the one case's answer.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<CaseJson>())!.Number));
        Assert.Single(numbers.Distinct());
        Assert.Equal(5, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var cases = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}");
        Assert.Single(cases.Items);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task SameKeyWithDifferentBody_Is422AndCreatesNothing()
    {
        var (agent, customer) = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { customerId = customer.Id, subject = "First", channel = "email" }, key);
        using var other = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { customerId = customer.Id, subject = "Second", channel = "email" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var cases = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}");
        Assert.Equal(["First"], cases.Items.Select(c => c.Subject));
    }

    [Fact]
    public async Task TwoAgentsAssigningTheSameCaseAtOnce_EndWithOneOwnerAndAnAuditEntryEach()
    {
        var (first, customer) = await ArrangeAsync();
        var second = await app.CreateStaffAsync("agent");
        var created = await first.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Refund please", channel = "chat" });

        var results = await Task.WhenAll(
            first.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { owner = "me" }),
            second.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { owner = "me" }));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var final = await first.Client.GetJsonAsync<CaseJson>($"/api/cases/{created.Number}");
        Assert.Contains(final.Owner!.Id, new[] { first.Id, second.Id });
        var audit = await first.Client.GetJsonAsync<List<AuditJson>>($"/api/cases/{created.Number}/audit");
        var assignments = audit.Where(a => a.Action == "assigned").OrderBy(a => a.At).ToList();
        Assert.Equal(2, assignments.Count);
        Assert.Equal(new[] { first.Name, second.Name }.Order(), assignments.Select(a => a.Actor).Order());

        // The later assignment records the owner it really replaced.
        var names = assignments.Select(a => a.Changes.Single()).ToList();
        Assert.Contains(names, c => c.Before is null);
        Assert.Contains(names, c => c.Before is not null && c.Before != c.After);
        Assert.Equal(final.Owner.Name, names.Single(c => c.Before is not null).After);
    }

    [Fact]
    public async Task StatusMoves_FollowTheWorkflowAndRefuseOthersNamingTheAllowedOnes()
    {
        var (agent, customer) = await ArrangeAsync();
        var created = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Broken line", channel = "phone" });
        Assert.Equal("new", created.Status);

        using var closeNew = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { status = "closed" });
        Assert.Equal(HttpStatusCode.Conflict, closeNew.StatusCode);
        var problem = await closeNew.ProblemAsync();
        Assert.Contains("open", problem.GetProperty("allowed").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Allowed:", problem.GetProperty("detail").GetString());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("new", problem.GetProperty("currentStatus").GetString());

        foreach (var status in new[] { "open", "pending_customer", "resolved", "closed", "open" })
        {
            using var move = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { status });
            Assert.Equal(HttpStatusCode.OK, move.StatusCode);
            Assert.Equal(status, (await move.ReadAsync<CaseJson>()).Status);
        }

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{created.Number}/timeline");
        Assert.Equal(5, timeline.Items.Count(i => i.EventType == "status_changed"));
    }

    [Fact]
    public async Task InboundMessageOnCaseWaitingForCustomer_ReopensIt()
    {
        var (agent, customer) = await ArrangeAsync();
        var created = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Need a copy of my bill", channel = "email" });
        await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { status = "pending_customer" });

        await agent.Client.PostJsonAsync<TimelineJson>($"/api/cases/{created.Number}/messages", new { direction = "inbound", body = "Here is my account number.", from = "maria@example.com" });

        Assert.Equal("open", (await agent.Client.GetJsonAsync<CaseJson>($"/api/cases/{created.Number}")).Status);
    }

    [Fact]
    public async Task MissingAndMalformedFields_Get400NamingEachFieldAndWriteNothing()
    {
        var (agent, customer) = await ArrangeAsync();

        using var missing = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { channel = "fax", tags = new[] { "" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.ProblemAsync();
        Assert.NotEmpty(problem.ErrorsFor("customerId"));
        Assert.NotEmpty(problem.ErrorsFor("subject"));
        Assert.Contains("email", problem.ErrorsFor("channel").Single());
        Assert.NotEmpty(problem.ErrorsFor("tags[0]"));

        using var unknownTeam = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { customerId = customer.Id, subject = "x", channel = "email", team = "Nobody" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownTeam.StatusCode);
        Assert.NotEmpty((await unknownTeam.ProblemAsync()).ErrorsFor("team"));

        using var content = new StringContent("{\"customerId\": \"not-a-guid\", \"subject\": \"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await agent.Client.PostAsync("/api/cases", content);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotEmpty((await malformed.ProblemAsync()).ErrorsFor("customerId"));

        // A misspelt field is refused, not dropped: the customer's words must not vanish silently.
        using var misspelt = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { customerId = customer.Id, subject = "x", channel = "email", message = "My parcel never came." });
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Contains("Unknown field", (await misspelt.ProblemAsync()).ErrorsFor("message").Single());

        using var badCall = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases/BL-99999999/calls", new { direction = "inbound" });
        Assert.Equal(HttpStatusCode.BadRequest, badCall.StatusCode);
        Assert.NotEmpty((await badCall.ProblemAsync()).ErrorsFor("startedAt"));

        var cases = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}");
        Assert.Empty(cases.Items);
    }

    [Fact]
    public async Task UnknownCase_Is404ProblemDetails()
    {
        var (agent, _) = await ArrangeAsync();
        using var response = await agent.Client.GetAsync("/api/cases/BL-99999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ProblemAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var (agent, customer) = await ArrangeAsync();
        var huge = new string('a', 1_100_000);
        using var response = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/cases", new { customerId = customer.Id, subject = "big", channel = "email", body = huge });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task CaseList_FiltersByOwnerTeamStatusAndText_AndPagesByCursor()
    {
        var (agent, customer) = await ArrangeAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var c = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = $"Outage report {i}", channel = "web", priority = i % 2 == 0 ? "high" : "low" });
            numbers.Add(c.Number);
        }

        await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{numbers[0]}", new { owner = "me", status = "open" });

        var mine = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>("/api/cases?owner=me");
        Assert.Equal([numbers[0]], mine.Items.Select(c => c.Number));
        await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{numbers[1]}", new { owner = "me", status = "open" });
        using (var resolved = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{numbers[1]}", new { status = "resolved" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        var mineOpen = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>("/api/cases?owner=me&open=true");
        Assert.Equal([numbers[0]], mineOpen.Items.Select(c => c.Number));
        var mineAll = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>("/api/cases?owner=me");
        Assert.Equal([numbers[1], numbers[0]], mineAll.Items.Select(c => c.Number));
        var high = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}&priority=high");
        Assert.Equal(4, high.Items.Count);
        var open = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}&status=open");
        Assert.Equal([numbers[0]], open.Items.Select(c => c.Number));
        var text = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}&q=report%203");
        Assert.Equal([numbers[3]], text.Items.Select(c => c.Number));
        var team = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}&team=Tier%201");
        Assert.Equal(7, team.Items.Count);

        var all = new List<string>();
        string? cursor = null;
        do
        {
            var page = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={customer.Id}&limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            all.AddRange(page.Items.Select(c => c.Number));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(numbers), all);

        using var badStatus = await agent.Client.GetAsync("/api/cases?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task CaseNumbers_AreHumanAndSequential()
    {
        var (agent, customer) = await ArrangeAsync();
        var a = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "One", channel = "email" });
        var b = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Two", channel = "email" });
        Assert.Matches("^BL-1[0-9]{4,}$", a.Number);
        Assert.True(long.Parse(b.Number[3..], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(a.Number[3..], System.Globalization.CultureInfo.InvariantCulture));
        var byPlainNumber = await agent.Client.GetJsonAsync<CaseJson>($"/api/cases/{a.Number[3..]}");
        Assert.Equal(a.Id, byPlainNumber.Id);
        _ = JsonSerializer.Serialize(byPlainNumber);
    }
}

public sealed class CaseApiTestsOnSqlite(SqliteApp app) : CaseApiTests(app), IClassFixture<SqliteApp>;

public sealed class CaseApiTestsOnPostgres(PostgresApp app) : CaseApiTests(app), IClassFixture<PostgresApp>;
