using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Accounts;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Customers;

/// <summary>
/// S10 "They couldn't find my account": the agent finds John Smith among look-alikes however he says who he is,
/// and corrects his plan from "Basic 50" to "Premium 300" with a reason; audited and the customer is told.
/// </summary>
public abstract class S10FindAndCorrectTests(BridgelineApp app)
{
    [Fact]
    public async Task JonSmythWithHisNumber_FindsJohnSmithFirst_AndThePlanCorrectionIsAuditedAndNotified()
    {
        var agent = await app.CreateStaffAsync("agent");

        // A number of this test's own, so other tests' John Smiths on the same database do not compete.
        var local = Random.Shared.Next(200, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var john = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { $"john.smith.{local.Replace(' ', '.')}@example.com" }, phones = new[] { "+1 646-" + local.Replace(' ', '-') } });
        await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smithson", phones = new[] { "+1 646-201-4477" } });
        await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Joan Smith", phones = new[] { "+1 646-404-1200" } });
        await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Jon Smythe", phones = new[] { "+44 20 7946 0958" } });
        var account = "AC-" + local.Replace(" ", "", StringComparison.Ordinal);
        await agent.Client.PostJsonAsync<ImportJson>("/api/accounts/import", new { customerId = john.Id, number = account, plan = "Basic 50", openedOn = "2024-09-01" });
        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = john.Id, subject = "Account shows Basic 50 but I pay for Premium 300", channel = "phone" });

        foreach (var said in new[] { "Jon Smyth 646 " + local, "(646) " + local.Replace(' ', '-'), "+1 646-" + local.Replace(' ', '-') + " Smith, John", john.Emails[0].ToUpperInvariant(), account.ToLowerInvariant(), @case.Number })
        {
            var results = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(said)}");
            Assert.True(results.Count > 0 && results[0].Id == john.Id, $"'{said}' should find John Smith first");
        }

        var top = (await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString("Jon Smyth 646 " + local)}"))[0];
        Assert.Equal(["name", "phone"], top.MatchedOn);

        // An agent corrects the plan once the caller is verified on the case.
        using var unverified = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{account}", new { plan = "Premium 300", reason = "Bills show Premium 300" });
        Assert.Equal(HttpStatusCode.Forbidden, unverified.StatusCode);
        await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/verifications", new { method = "account_and_postcode", detail = "Account number and postcode" });
        using var noReason = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{account}", new { plan = "Premium 300" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var corrected = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{account}", new { plan = "Premium 300", reason = "Every bill charges Premium 300", caseNumber = @case.Number });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var accounts = await agent.Client.GetJsonAsync<List<AccountJson>>($"/api/customers/{john.Id}/accounts");
        Assert.Equal("Premium 300", accounts.Single().Plan);

        var audit = await agent.Client.GetJsonAsync<List<AuditJson>>($"/api/accounts/{account}/audit");
        var entry = audit.Single(a => a.Action == "corrected");
        Assert.Equal(new ChangeJson("plan", "Basic 50", "Premium 300"), entry.Changes.Single());
        Assert.Equal(agent.Name, entry.Actor);
        Assert.Equal("Every bill charges Premium 300", entry.Reason);
        Assert.Equal(app.Clock.GetUtcNow(), entry.At);

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.Kind == "message" && i.Direction == "outbound" && i.Body!.Contains("Premium 300", StringComparison.Ordinal));
        Assert.Contains(timeline.Items, i => i.EventType == "identity_verified");
    }
}

public sealed class S10FindAndCorrectTestsOnSqlite(SqliteApp app) : S10FindAndCorrectTests(app), IClassFixture<SqliteApp>;

public sealed class S10FindAndCorrectTestsOnPostgres(PostgresApp app) : S10FindAndCorrectTests(app), IClassFixture<PostgresApp>;
