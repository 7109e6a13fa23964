using System.Net;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Customers;

public abstract class CustomerApiTests(BridgelineApp app)
{
    [Fact]
    public async Task PhonesAreStoredInE164_AndUnparseableOnesAreKeptAsTypedUnverified()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new
        {
            name = "John Smith",
            emails = new[] { "John.Smith@Example.com" },
            phones = new[] { "(555) 867-5309", "+44 20 7946 0958", "ext. nine" },
        });

        Assert.Equal(["+15558675309", "+442079460958", "ext. nine"], customer.Phones);
        Assert.False(customer.PhoneDetails.Single(p => p.Raw == "ext. nine").Verified);
        Assert.True(customer.PhoneDetails.Single(p => p.Raw == "(555) 867-5309").Verified);

        var byPhone = await agent.Client.GetJsonAsync<PageJson<CustomerJson>>("/api/customers?phone=555.867.5309");
        Assert.Equal([customer.Id], byPhone.Items.Select(c => c.Id));
        var byEmail = await agent.Client.GetJsonAsync<PageJson<CustomerJson>>("/api/customers?email=JOHN.SMITH@example.com");
        Assert.Equal([customer.Id], byEmail.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task CorrectionWithoutReason_IsRefused_AndWithReasonIsAuditedAndOnTheTimeline()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Jon Smyth", phones = new[] { "555 867 5309" } });

        using var noReason = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/customers/{customer.Id}", new { name = "John Smith" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotEmpty((await noReason.ProblemAsync()).ErrorsFor("reason"));
        Assert.Equal("Jon Smyth", (await agent.Client.GetJsonAsync<CustomerJson>($"/api/customers/{customer.Id}")).Name);

        using var corrected = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/customers/{customer.Id}", new { name = "John Smith", reason = "Caller spelled his name; ID checked" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("John Smith", (await corrected.ReadAsync<CustomerJson>()).Name);

        var audit = await agent.Client.GetJsonAsync<List<AuditJson>>($"/api/customers/{customer.Id}/audit");
        var entry = audit.First(a => a.Action == "corrected");
        Assert.Equal(agent.Name, entry.Actor);
        Assert.Equal("Caller spelled his name; ID checked", entry.Reason);
        Assert.Equal(new ChangeJson("name", "Jon Smyth", "John Smith"), entry.Changes.Single());

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{customer.Id}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "data_corrected" && i.Body!.Contains("Jon Smyth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidEmail_IsNamedByIndex()
    {
        var agent = await app.CreateStaffAsync("agent");
        using var response = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/customers", new { name = "A", emails = new[] { "ok@example.com", "not an email" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ProblemAsync()).ErrorsFor("emails[1]"));
    }
}

public sealed class CustomerApiTestsOnSqlite(SqliteApp app) : CustomerApiTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerApiTestsOnPostgres(PostgresApp app) : CustomerApiTests(app), IClassFixture<PostgresApp>;
