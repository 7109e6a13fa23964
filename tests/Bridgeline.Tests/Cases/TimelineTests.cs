using System.Net;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Cases;

/// <summary>Story S6, second half: whoever picks up the customer sees everything, across cases and channels.</summary>
public abstract class TimelineTests(BridgelineApp app)
{
    [Fact]
    public async Task CustomerWithThreeCasesOnThreeChannels_TimelineShowsEverythingNewestFirstAcrossCases()
    {
        var agent = await app.CreateStaffAsync("agent");
        var api = agent.Client;
        var customer = await api.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { "john@example.com" }, phones = new[] { "+1 555 867 5309" } });
        Assert.Equal(["+15558675309"], customer.Phones);

        var expected = new List<string>();
        var email = await api.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Where is my order?", channel = "email", body = "Order C-1001 has not arrived." });
        expected.Add("Order C-1001 has not arrived.");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await api.PostJsonAsync<TimelineJson>($"/api/cases/{email.Number}/messages", new { direction = "outbound", body = "We are checking with the carrier." });
        expected.Add("We are checking with the carrier.");

        app.Clock.Advance(TimeSpan.FromDays(1));
        var phone = await api.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Wrong plan on my account", channel = "phone", body = "My account says Basic 50." });
        expected.Add("My account says Basic 50.");
        var callStart = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var call = await api.PostJsonAsync<TimelineJson>($"/api/cases/{phone.Number}/calls", new
        {
            direction = "inbound", from = "+15558675309", agent = agent.Email, startedAt = callStart, endedAt = callStart.AddMinutes(2), dropped = true,
        });
        Assert.True(call.Call!.Dropped);
        Assert.Equal(120, call.Call.DurationSeconds);
        Assert.Equal(agent.Name, call.Author);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await api.PostJsonAsync<TimelineJson>($"/api/cases/{phone.Number}/notes", new { kind = "internal", text = "Call dropped while checking the plan; calling back." });
        expected.Add("Call dropped while checking the plan; calling back.");

        app.Clock.Advance(TimeSpan.FromDays(1));
        var chat = await api.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Late fee after closing", channel = "chat", body = "There is a late fee after I closed the card." });
        expected.Add("There is a late fee after I closed the card.");

        var timeline = await api.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{customer.Id}/timeline?limit=200");
        var items = timeline.Items;
        Assert.Null(timeline.NextCursor);

        // Newest first, strictly ordered by when things happened.
        Assert.Equal(items.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Select(i => i.Id), items.Select(i => i.Id));
        foreach (var body in expected)
        {
            Assert.Contains(items, i => i.Body == body);
        }

        Assert.Equal(new[] { chat.Number, phone.Number, email.Number }, items.Select(i => i.CaseNumber).Where(n => n is not null).Distinct());
        Assert.Contains(items, i => i.Kind == "call" && i.CaseNumber == phone.Number && i.Call!.Dropped);
        Assert.Contains(items, i => i.Kind == "note" && i.NoteKind == "internal");
        Assert.Contains(items, i => i.Kind == "message" && i.Direction == "outbound" && i.Channel == "email");
        Assert.Equal("chat", items.First(i => i.Kind == "message").Channel);

        // Paging by cursor walks the same list, page after page, with nothing lost or repeated.
        var paged = new List<TimelineJson>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{customer.Id}/timeline?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.True(page.Items.Count <= 3);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(items.Select(i => i.Id), paged.Select(i => i.Id));
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task UnknownCustomerOrMalformedCursor_IsRefusedClearly()
    {
        var agent = await app.CreateStaffAsync("agent");
        using var missing = await agent.Client.GetAsync($"/api/customers/{Guid.NewGuid()}/timeline");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Ana Lima" });
        using var bad = await agent.Client.GetAsync($"/api/customers/{customer.Id}/timeline?cursor=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty((await bad.ProblemAsync()).ErrorsFor("cursor"));
    }
}

public sealed class TimelineTestsOnSqlite(SqliteApp app) : TimelineTests(app), IClassFixture<SqliteApp>;

public sealed class TimelineTestsOnPostgres(PostgresApp app) : TimelineTests(app), IClassFixture<PostgresApp>;
