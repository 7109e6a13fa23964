using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Sla;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.CompanyPolicies;

/// <summary>S2's policy part: requests blocked by named policies are recorded, and management sees the policies ranked.</summary>
public abstract class PolicyStoryTests(BridgelineApp app)
{
    [Fact]
    public async Task S2_PolicyBlocks_AreRankedByCustomersBlockedAndMoneyAtStake_WithOutcomesAndDrillDownToCases()
    {
        var t = await Arrange.TeamAsync(app);
        var run = Guid.NewGuid().ToString("N")[..6];
        var storefront = $"claims.storefront-required-{run}";
        var thirtyDays = $"refunds.30-days-{run}";
        await t.Manager.Client.PostJsonAsync<JsonElement>("/api/policies", new { code = storefront, name = "Business claims need a storefront", owner = "Claims Management" });
        await t.Manager.Client.PostJsonAsync<JsonElement>("/api/policies", new { code = thirtyDays, name = "Refunds within 30 days only" });

        // Three fishermen blocked by the storefront rule; one customer twice by the 30-day rule.
        var denise = await Arrange.CaseAsync(t, "Claim form rejects my boat business");
        var escalated = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{denise.Number}/policy-blocks", new
        {
            policy = storefront, outcome = "escalated", atStake = new { amount = "25000.00", currency = "USD" }, harm = "Six weeks without income", note = "Fishes from his own boat; no storefront.",
        });
        Assert.Equal("escalated", escalated.GetProperty("outcome").GetString());
        var escalation = Assert.Single(await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{denise.Number}/escalations"));
        Assert.Equal("policy_blocked", escalation.GetProperty("reason").GetString());
        Assert.Equal(storefront, escalation.GetProperty("policyCode").GetString());
        Assert.Equal(escalation.GetProperty("id").GetGuid(), escalated.GetProperty("escalationId").GetGuid());
        Assert.Equal(t.Supervisor.Id, escalation.GetProperty("assignee").GetProperty("id").GetGuid());

        var marcus = await CaseForNewCustomerAsync(t, "Marcus Thibodeaux");
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{marcus.Number}/policy-blocks", new { policy = storefront, outcome = "refused", atStake = new { amount = "12000.00", currency = "USD" } });

        // An escalation raised straight from the case, naming the policy, counts too.
        var lena = await CaseForNewCustomerAsync(t, "Lena Guidry");
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{lena.Number}/escalations", new { reason = "policy_blocked", policyCode = storefront, atStake = new { amount = "5000.00", currency = "USD" } });

        var rosa = await CaseForNewCustomerAsync(t, "Rosa Park");
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{rosa.Number}/policy-blocks", new { policy = thirtyDays, outcome = "refused", atStake = new { amount = "80.00", currency = "USD" } });
        var rosaAgain = await t.Agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = rosa.CustomerId, subject = "Second return refused", channel = "chat", team = t.Team });
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{rosaAgain.Number}/policy-blocks", new { policy = thirtyDays, outcome = "refused", atStake = new { amount = "40.00", currency = "USD" } });

        // The claims manager grants an exception on the first one.
        using var granted = await t.Manager.Client.SendJsonAsync(HttpMethod.Patch, $"/api/policy-blocks/{escalated.GetProperty("id").GetGuid()}", new { outcome = "exception_granted", reason = "A boat is the place of business." });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        var report = await t.Manager.Client.GetJsonAsync<JsonElement>("/api/reports/policies");
        var rows = report.GetProperty("policies").EnumerateArray().Where(p => p.GetProperty("code").GetString()!.EndsWith(run, StringComparison.Ordinal)).ToList();
        Assert.Equal([storefront, thirtyDays], rows.Select(r => r.GetProperty("code").GetString()));
        var first = rows[0];
        Assert.Equal("Business claims need a storefront", first.GetProperty("name").GetString());
        Assert.Equal(3, first.GetProperty("customersBlocked").GetInt32());
        Assert.Equal("42000.00", first.GetProperty("atStake")[0].GetProperty("amount").GetString());
        Assert.Equal(1, first.GetProperty("outcomes").GetProperty("refused").GetInt32());
        Assert.Equal(1, first.GetProperty("outcomes").GetProperty("escalated").GetInt32());
        Assert.Equal(1, first.GetProperty("outcomes").GetProperty("exceptionGranted").GetInt32());
        Assert.Equal(1, rows[1].GetProperty("customersBlocked").GetInt32());
        Assert.Equal(2, rows[1].GetProperty("blocks").GetInt32());
        Assert.Equal("120.00", rows[1].GetProperty("atStake")[0].GetProperty("amount").GetString());

        var cases = await t.Manager.Client.GetJsonAsync<List<JsonElement>>($"/api/reports/policies/{storefront}/cases");
        Assert.Equal(new[] { denise.Number, marcus.Number, lena.Number }.Order(), cases.Select(c => c.GetProperty("caseNumber").GetString()).Order());

        // The timeline records the block; agents and supervisors do not see the management report.
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{marcus.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "policy_blocked" && i.Body!.Contains("12000.00 USD", StringComparison.Ordinal));
        using var agentReport = await t.Agent.Client.GetAsync("/api/reports/policies");
        Assert.Equal(HttpStatusCode.Forbidden, agentReport.StatusCode);
        using var supervisorReport = await t.Supervisor.Client.GetAsync("/api/reports/policies");
        Assert.Equal(HttpStatusCode.Forbidden, supervisorReport.StatusCode);
    }

    [Fact]
    public async Task PolicyRegistry_ManagersKeepIt_BadInputIs400_DuplicatesAre409_RetiredPoliciesBlockNothingNew()
    {
        var t = await Arrange.TeamAsync(app);
        var code = $"returns.receipt-required-{Guid.NewGuid():N}"[..40];
        using var agentCreates = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, "/api/policies", new { code, name = "Receipt required" });
        Assert.Equal(HttpStatusCode.Forbidden, agentCreates.StatusCode);
        using var badCode = await t.Manager.Client.SendJsonAsync(HttpMethod.Post, "/api/policies", new { code = "no spaces allowed", name = "x" });
        Assert.NotEmpty((await badCode.ProblemAsync()).ErrorsFor("code"));

        await t.Manager.Client.PostJsonAsync<JsonElement>("/api/policies", new { code, name = "Receipt required" });
        using var duplicate = await t.Manager.Client.SendJsonAsync(HttpMethod.Post, "/api/policies", new { code, name = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var renamed = await t.Manager.Client.SendJsonAsync(HttpMethod.Put, $"/api/policies/{code}", new { name = "Original receipt required", description = "Returns need the original receipt." });
        Assert.Equal("Original receipt required", (await renamed.ReadAsync<JsonElement>()).GetProperty("name").GetString());

        var @case = await Arrange.CaseAsync(t, "Return without receipt");
        using var unknown = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/policy-blocks", new { policy = "no.such-policy", outcome = "refused" });
        Assert.NotEmpty((await unknown.ProblemAsync()).ErrorsFor("policy"));
        using var badMoney = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/policy-blocks", new { policy = code, outcome = "refused", atStake = new { amount = "-5", currency = "USD" } });
        Assert.NotEmpty((await badMoney.ProblemAsync()).ErrorsFor("atStake.amount"));
        using var unnamed = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/escalations", new { reason = "policy_blocked" });
        Assert.NotEmpty((await unnamed.ProblemAsync()).ErrorsFor("policyCode"));
        using var lateOutcome = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/policy-blocks", new { policy = code, outcome = "upheld" });
        Assert.NotEmpty((await lateOutcome.ProblemAsync()).ErrorsFor("outcome"));

        using var retired = await t.Manager.Client.DeleteAsync($"/api/policies/{code}");
        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        using var blockedByRetired = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/policy-blocks", new { policy = code, outcome = "refused" });
        Assert.NotEmpty((await blockedByRetired.ProblemAsync()).ErrorsFor("policy"));
        Assert.DoesNotContain(await t.Agent.Client.GetJsonAsync<List<JsonElement>>("/api/policies"), p => p.GetProperty("code").GetString() == code);

        // Escalating for a team without a chain fails with nothing written.
        var lone = await Arrange.TeamAsync(app, chain: false);
        var loneCase = await Arrange.CaseAsync(lone);
        var other = $"claims.deadline-{Guid.NewGuid():N}"[..30];
        await t.Manager.Client.PostJsonAsync<JsonElement>("/api/policies", new { code = other, name = "Claims within 30 days" });
        using var noChain = await lone.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{loneCase.Number}/policy-blocks", new { policy = other, outcome = "escalated" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noChain.StatusCode);
        Assert.Empty(await lone.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{loneCase.Number}/policy-blocks"));
    }

    private static async Task<CaseJson> CaseForNewCustomerAsync(TeamSetup t, string name)
    {
        var customer = await t.Agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name });
        return await t.Agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = $"{name}: claim refused", channel = "phone", team = t.Team, owner = "me" });
    }
}

public sealed class PolicyStoryTestsOnSqlite(SqliteApp app) : PolicyStoryTests(app), IClassFixture<SqliteApp>;

public sealed class PolicyStoryTestsOnPostgres(PostgresApp app) : PolicyStoryTests(app), IClassFixture<PostgresApp>;
