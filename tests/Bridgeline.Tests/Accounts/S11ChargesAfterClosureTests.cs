using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Accounts;

/// <summary>S11 "Late fees after I closed the account": the store card closed on 1 March; a late fee posted on 15 March is flagged.</summary>
public abstract class S11ChargesAfterClosureTests(BridgelineApp app)
{
    [Fact]
    public async Task LateFeeFourteenDaysAfterClosure_IsFlaggedOnAccountCustomerAndOpenCase_OneBeforeIsNot()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", phones = new[] { "+1 555-867-5309" } });
        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Late fee after I closed my store card", channel = "chat", body = "I paid off and closed my store card on 1 March, and now there is a late fee from 15 March." });
        var number = "SC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await agent.Client.PostJsonAsync<ImportJson>("/api/accounts/import", new
        {
            customerId = customer.Id, number, plan = "Store card", status = "closed", openedOn = "2024-06-01", closedOn = "2026-03-01",
            balance = new { amount = "25.00", currency = "USD" },
            charges = new object[]
            {
                new { postedOn = "2026-02-15", kind = "late_fee", amount = new { amount = "25.00", currency = "USD" } },
                new { postedOn = "2026-03-01", kind = "payment", amount = new { amount = "-310.40", currency = "USD" } },
            },
        });
        var result = await agent.Client.PostJsonAsync<ImportJson>("/api/accounts/charges/import", new { accountNumber = number, postedOn = "2026-03-15", kind = "late_fee", description = "Late payment fee", amount = new { amount = "25.00", currency = "USD" } });
        Assert.Equal(1, result.ChargesFlagged);

        var account = await agent.Client.GetJsonAsync<AccountJson>($"/api/accounts/{number}");
        var late = account.Charges.Single(c => c.PostedOn == new DateOnly(2026, 3, 15));
        Assert.True(late.AfterClosure);
        Assert.Equal("fee_reversal", late.Needs);
        Assert.False(account.Charges.Single(c => c.PostedOn == new DateOnly(2026, 2, 15)).AfterClosure);
        var flag = Assert.Single(account.Flags);
        Assert.Equal(late.Id, flag.ChargeId);
        Assert.Equal(14, flag.DaysAfterClosure);
        Assert.Equal(new MoneyJson("25.00", "USD"), flag.Amount);

        Assert.Equal(late.Id, Assert.Single(await agent.Client.GetJsonAsync<List<FlagJson>>($"/api/customers/{customer.Id}/flags")).ChargeId);
        Assert.Equal(late.Id, Assert.Single(await agent.Client.GetJsonAsync<List<FlagJson>>($"/api/cases/{@case.Number}/flags")).ChargeId);
        var caseTimeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(caseTimeline.Items, i => i.EventType == "charge_after_closure" && i.Body!.Contains("25.00 USD", StringComparison.Ordinal) && i.Body.Contains(late.Id.ToString(), StringComparison.Ordinal));

        await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "resolved", reason = "Fee reversal requested" });
        Assert.Empty(await agent.Client.GetJsonAsync<List<FlagJson>>($"/api/cases/{@case.Number}/flags"));
    }

    [Fact]
    public async Task ClosingAnAccount_FlagsChargesAlreadyPostedAfterTheClosedDate()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var customer = await supervisor.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Late Closer" });
        var number = "SC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await supervisor.Client.PostJsonAsync<ImportJson>("/api/accounts/import", new
        {
            customerId = customer.Id, number, plan = "Store card", openedOn = "2024-06-01",
            charges = new[] { new { postedOn = "2026-03-15", kind = "late_fee", amount = new { amount = "25.00", currency = "USD" } } },
        });
        Assert.Empty((await supervisor.Client.GetJsonAsync<AccountJson>($"/api/accounts/{number}")).Flags);

        using var closed = await supervisor.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{number}", new { status = "closed", closedOn = "2026-03-01", reason = "Customer closed it by phone on 1 March" });
        var account = await closed.ReadAsync<AccountJson>();
        Assert.Equal(14, Assert.Single(account.Flags).DaysAfterClosure);
    }
}

public sealed class S11ChargesAfterClosureTestsOnSqlite(SqliteApp app) : S11ChargesAfterClosureTests(app), IClassFixture<SqliteApp>;

public sealed class S11ChargesAfterClosureTestsOnPostgres(PostgresApp app) : S11ChargesAfterClosureTests(app), IClassFixture<PostgresApp>;
