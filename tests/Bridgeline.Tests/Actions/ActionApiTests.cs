using System.Net;
using Bridgeline.Tests.Orders;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Actions;

public abstract class ActionApiTests(BridgelineApp app)
{
    // A supervisor acts here: an 80 USD refund is within a supervisor's authority (the approval tests cover an agent's).
    private async Task<(Staff Agent, CaseJson Case, OrderJson Order)> ArrangeAsync()
    {
        var agent = await app.CreateStaffAsync("supervisor");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Rosa Park", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var order = await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new
        {
            number = "A-" + Guid.NewGuid().ToString("N")[..8],
            customerId = customer.Id,
            total = new { amount = "80.00", currency = "USD" },
            shipments = new[] { new { shippingNumber = "SHIP-" + Guid.NewGuid().ToString("N")[..8] } },
        });
        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Refund please", channel = "chat" });
        return (agent, @case, order);
    }

    [Fact]
    public async Task RefundOfAnOrderWithoutAmount_RefundsItsTotalAndShowsOnTimelineAndAudit()
    {
        var (agent, @case, order) = await ArrangeAsync();

        var action = await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order.Number, reason = "Never arrived." });

        Assert.Equal("executed", action.Status);
        Assert.Equal(new MoneyJson("80.00", "USD"), action.Amount);
        Assert.Equal(new ActionTargetJson("order", order.Number), action.Target);
        Assert.StartsWith("ledger:", action.ExecutionReference);
        Assert.Equal(agent.Name, action.RequestedBy);
        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "action_executed" && i.Body!.Contains("80.00 USD", StringComparison.Ordinal));
        var audit = await agent.Client.GetJsonAsync<List<AuditJson>>($"/api/cases/{@case.Number}/audit");
        Assert.Contains(audit, a => a.Action == "action_executed" && a.Changes.Any(c => c.Field == "amount" && c.After == "80.00 USD"));
    }

    [Theory]
    [InlineData("partial_refund", null, null, "amount")]
    [InlineData("partial_refund", "-5.00", "USD", "amount.amount")]
    [InlineData("partial_refund", "5.001", "USD", "amount.amount")]
    [InlineData("partial_refund", "5.00", "XXQ", "amount.currency")]
    [InlineData("partial_refund", "5.00", "EUR", "amount.currency")]
    [InlineData("partial_refund", "95.00", "USD", "amount.amount")]
    [InlineData("teleport", null, null, "kind")]
    [InlineData("reship", "5.00", "USD", "target")]
    public async Task InvalidAction_Is400NamingTheFieldAndRecordsNothing(string kind, string? amount, string? currency, string field)
    {
        var (agent, @case, order) = await ArrangeAsync();
        object body = amount is null
            ? new { kind, target = order.Number }
            : new { kind, target = order.Number, amount = new { amount, currency } };

        using var response = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ProblemAsync()).ErrorsFor(field));
        Assert.Empty(await agent.Client.GetJsonAsync<List<ActionJson>>($"/api/cases/{@case.Number}/actions"));
    }

    [Fact]
    public async Task FeeReversalOnAChargeAndCredit_AreExecutedThroughTheLedger()
    {
        var (agent, @case, _) = await ArrangeAsync();
        var chargeId = await LateFeeAsync(agent, @case.CustomerId, "35.00");

        var reversal = await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "fee_reversal", target = chargeId.ToString(), amount = new { amount = "35.00", currency = "USD" } });
        var credit = await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "credit", target = chargeId.ToString(), targetType = "charge", amount = new { amount = "10", currency = "usd" } });

        Assert.Equal(new ActionTargetJson("charge", chargeId.ToString()), reversal.Target);
        Assert.Equal(new MoneyJson("10.00", "USD"), credit.Amount);
        var all = await agent.Client.GetJsonAsync<List<ActionJson>>($"/api/cases/{@case.Number}/actions");
        Assert.Equal(["fee_reversal", "credit"], all.Select(a => a.Kind));
        Assert.All(all, a => Assert.Equal("executed", a.Status));
    }

    [Fact]
    public async Task FeeReversalOfAnotherCustomersChargeOrMoreThanTheFee_Is400NamingTheField()
    {
        var (agent, @case, _) = await ArrangeAsync();
        var (_, other, _) = await ArrangeAsync();
        var theirs = await LateFeeAsync(agent, other.CustomerId, "25.00");
        var ours = await LateFeeAsync(agent, @case.CustomerId, "25.00");

        using var foreign = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "fee_reversal", target = theirs.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.NotEmpty((await foreign.ProblemAsync()).ErrorsFor("target"));

        using var tooMuch = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "fee_reversal", target = ours.ToString(), amount = new { amount = "25.01", currency = "USD" } });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.NotEmpty((await tooMuch.ProblemAsync()).ErrorsFor("amount.amount"));
        Assert.Empty(await agent.Client.GetJsonAsync<List<ActionJson>>($"/api/cases/{@case.Number}/actions"));
    }

    [Fact]
    public async Task RefundsBeyondWhatWasPaid_Are400EvenInParts()
    {
        var (agent, @case, order) = await ArrangeAsync();
        await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "partial_refund", target = order.Number, amount = new { amount = "60.00", currency = "USD" } });

        using var second = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "partial_refund", target = order.Number, amount = new { amount = "20.01", currency = "USD" } });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("20.00 USD", (await second.ProblemAsync()).ErrorsFor("amount.amount").Single(), StringComparison.Ordinal);

        var rest = await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order.Number });
        Assert.Equal(new MoneyJson("20.00", "USD"), rest.Amount);
        using var nothingLeft = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order.Number });
        Assert.NotEmpty((await nothingLeft.ProblemAsync()).ErrorsFor("amount"));
    }

    private static async Task<Guid> LateFeeAsync(Staff staff, Guid customerId, string fee)
    {
        var number = "SC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await staff.Client.PostJsonAsync<System.Text.Json.JsonElement>("/api/accounts/import", new
        {
            customerId, number, plan = "Store card", status = "closed", openedOn = "2024-06-01", closedOn = "2026-03-01",
            charges = new[] { new { postedOn = "2026-03-15", kind = "late_fee", amount = new { amount = fee, currency = "USD" } } },
        });
        var account = await staff.Client.GetJsonAsync<System.Text.Json.JsonElement>($"/api/accounts/{number}");
        return account.GetProperty("charges")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task StandaloneNoChargeUpgrade_MarksTheShipmentAndBillsNothing()
    {
        var (agent, @case, order) = await ArrangeAsync();
        var shipment = order.Shipments.Single();

        var upgrade = await agent.Client.PostJsonAsync<ActionJson>($"/api/cases/{@case.Number}/actions", new { kind = "shipping_upgrade_no_charge", target = shipment.Id.ToString(), serviceLevel = "overnight" });

        Assert.Equal(new MoneyJson("0.00", "USD"), upgrade.Amount);
        var after = await agent.Client.GetJsonAsync<OrderJson>($"/api/orders/{order.Number}");
        Assert.True(after.Shipments.Single().NoChargeUpgrade);
        Assert.Equal("overnight", after.Shipments.Single().ServiceLevel);
    }

    [Fact]
    public async Task RetriedActionWithSameIdempotencyKey_IsDoneOnce()
    {
        var (agent, @case, order) = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "reship", target = order.Shipments.Single().Id.ToString(), serviceLevel = "express", noChargeUpgrade = true };

        using var first = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", body, key);
        using var second = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", body, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Single(await agent.Client.GetJsonAsync<List<ActionJson>>($"/api/cases/{@case.Number}/actions"));
        Assert.Equal(2, (await agent.Client.GetJsonAsync<OrderJson>($"/api/orders/{order.Number}")).Shipments.Count);
    }
}

public sealed class ActionApiTestsOnSqlite(SqliteApp app) : ActionApiTests(app), IClassFixture<SqliteApp>;

public sealed class ActionApiTestsOnPostgres(PostgresApp app) : ActionApiTests(app), IClassFixture<PostgresApp>;
