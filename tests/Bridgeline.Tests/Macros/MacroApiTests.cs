using System.Net;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Macros;

public abstract class MacroApiTests(BridgelineApp app)
{
    [Fact]
    public async Task ApplyingAMacro_SendsTheFilledInReply_SetsTheStatusAndAddsTheTag()
    {
        var supervisor = await app.CreateStaffAsync("supervisor", "Billing");
        var agent = await app.CreateStaffAsync("agent", "Billing", name: "Agent " + Guid.NewGuid().ToString("N")[..4]);
        var name = "Checking " + Guid.NewGuid().ToString("N")[..6];
        var macro = await supervisor.Client.PostJsonAsync<MacroJson>("/api/macros", new
        {
            name,
            team = "Billing",
            body = "Hello {customer.first_name}, we are checking {order.number} on case {case.number}. {agent.name}",
            setStatus = "pending_internal",
            addTags = new[] { "carrier-check" },
        });
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var order = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Where is my order C-1001?", channel = "email", tags = new[] { "order" } });

        var listed = await agent.Client.GetJsonAsync<List<MacroJson>>("/api/macros");
        Assert.Contains(listed, m => m.Id == macro.Id);
        var preview = await agent.Client.GetJsonAsync<PreviewJson>($"/api/cases/{order.Number}/macros/{macro.Id}/preview");
        Assert.Equal($"Hello John, we are checking C-1001 on case {order.Number}. {agent.Name}", preview.Text);

        using var applied = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{order.Number}/macros/{macro.Id}/apply", new { });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);

        var after = await agent.Client.GetJsonAsync<CaseJson>($"/api/cases/{order.Number}");
        Assert.Equal("pending_internal", after.Status);
        Assert.Equal(["order", "carrier-check"], after.Tags);
        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{order.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.Direction == "outbound" && i.Body == preview.Text);
    }

    [Fact]
    public async Task OtherTeamsMacro_IsNotOffered_AndUnknownPlaceholdersAreRefused()
    {
        var supervisor = await app.CreateStaffAsync("supervisor", "Hotline");
        var agent = await app.CreateStaffAsync("agent", "Tier 1");
        var macro = await supervisor.Client.PostJsonAsync<MacroJson>("/api/macros", new { name = "Claim " + Guid.NewGuid().ToString("N")[..6], team = "Hotline", body = "We have your claim, {customer.name}." });

        var listed = await agent.Client.GetJsonAsync<List<MacroJson>>("/api/macros");
        Assert.DoesNotContain(listed, m => m.Id == macro.Id);
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Lena Guidry", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var c = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Claim", channel = "phone" });
        using var apply = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{c.Number}/macros/{macro.Id}/apply", new { });
        Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);

        using var bad = await supervisor.Client.SendJsonAsync(HttpMethod.Post, "/api/macros", new { name = "Bad", body = "Hi {customer.nickname}", setStatus = "lost" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ProblemAsync();
        Assert.Contains("{customer.nickname}", problem.ErrorsFor("body").Single());
        Assert.NotEmpty(problem.ErrorsFor("setStatus"));
    }
}

public sealed record MacroJson(Guid Id, string Name, string? Team, string Body, string? SetStatus, List<string> AddTags);

public sealed record PreviewJson(Guid MacroId, string Name, string Text, string? SetStatus, List<string> AddTags);

public sealed class MacroApiTestsOnSqlite(SqliteApp app) : MacroApiTests(app), IClassFixture<SqliteApp>;

public sealed class MacroApiTestsOnPostgres(PostgresApp app) : MacroApiTests(app), IClassFixture<PostgresApp>;
