using System.Net;
using System.Text;
using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Accounts;

public sealed record MoneyJson(string Amount, string Currency);

public sealed record ChargeJson(Guid Id, DateOnly PostedOn, string Kind, string? Description, MoneyJson Amount, bool AfterClosure, string? Needs);

public sealed record FlagJson(string Kind, string AccountNumber, Guid ChargeId, string ChargeKind, DateOnly PostedOn, DateOnly ClosedOn, int DaysAfterClosure, MoneyJson Amount, string Needs);

public sealed record AccountJson(Guid Id, Guid CustomerId, string Number, string Plan, string Status, DateOnly OpenedOn, DateOnly? ClosedOn, MoneyJson Balance, List<ChargeJson> Charges, List<FlagJson> Flags);

public sealed record ImportJson(int AccountsCreated, int AccountsUpdated, int ChargesAdded, int ChargesFlagged);

public abstract class AccountApiTests(BridgelineApp app)
{
    private static string NewNumber() => "AC-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    [Fact]
    public async Task ImportJson_ThenAgain_UpdatesWithoutDuplicatingCharges()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Ada Import" });
        var number = NewNumber();
        var body = new[]
        {
            new
            {
                customerId = customer.Id, number, plan = "Basic 50", status = "active", openedOn = "2025-01-10",
                balance = new { amount = "12.50", currency = "USD" },
                charges = new[] { new { postedOn = "2025-02-01", kind = "monthly_fee", amount = new { amount = "50.00", currency = "USD" } } },
            },
        };
        var first = await agent.Client.PostJsonAsync<ImportJson>("/api/accounts/import", body);
        Assert.Equal(new ImportJson(1, 0, 1, 0), first);
        var again = await agent.Client.PostJsonAsync<ImportJson>("/api/accounts/import", body);
        Assert.Equal(new ImportJson(0, 0, 0, 0), again);

        var accounts = await agent.Client.GetJsonAsync<List<AccountJson>>($"/api/customers/{customer.Id}/accounts");
        var account = Assert.Single(accounts);
        Assert.Equal("Basic 50", account.Plan);
        Assert.Equal(new MoneyJson("12.50", "USD"), account.Balance);
        Assert.Equal(new MoneyJson("50.00", "USD"), Assert.Single(account.Charges).Amount);

        var search = await agent.Client.GetJsonAsync<List<JsonElement>>($"/api/customers/search?q={number}");
        Assert.Equal(customer.Id, search[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task ImportCsv_AccountsAndCharges()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Cy Csv" });
        var number = NewNumber();
        var accounts = $"customerId,number,plan,status,openedOn,closedOn,balance,currency\n{customer.Id},{number},\"Premium 300, yearly\",closed,2024-05-01,2025-03-01,0.00,USD\n";
        using var a = await agent.Client.PostAsync("/api/accounts/import", new StringContent(accounts, Encoding.UTF8, "text/csv"));
        Assert.Equal(new ImportJson(1, 0, 0, 0), await a.ReadAsync<ImportJson>());

        var charges = $"accountNumber,postedOn,kind,amount,currency,description\n{number},2025-02-20,purchase,19.99,USD,Shoes\n{number},2025-03-15,late_fee,25.00,USD,Late payment fee\n";
        using var c = await agent.Client.PostAsync("/api/accounts/charges/import", new StringContent(charges, Encoding.UTF8, "text/csv"));
        Assert.Equal(new ImportJson(0, 0, 2, 1), await c.ReadAsync<ImportJson>());

        var account = await agent.Client.GetJsonAsync<AccountJson>($"/api/accounts/{number}");
        Assert.Equal("Premium 300, yearly", account.Plan);
        Assert.Equal("closed", account.Status);
        Assert.Equal(2, account.Charges.Count);

        using var bad = await agent.Client.PostAsync("/api/accounts/charges/import", new StringContent($"accountNumber,postedOn,kind,amount\n{number},15/03/2025,fee,x\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task PlanCorrection_NeedsAReason_IsAudited_AndTheCustomerIsTold()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var customer = await supervisor.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Pat Plan", emails = new[] { "pat@example.com" } });
        var number = NewNumber();
        await supervisor.Client.PostJsonAsync<ImportJson>("/api/accounts/import", new { customerId = customer.Id, number, plan = "Basic 50", openedOn = "2025-01-01" });

        using var noReason = await supervisor.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{number}", new { plan = "Premium 300" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotEmpty((await noReason.ProblemAsync()).ErrorsFor("reason"));

        using var ok = await supervisor.Client.SendJsonAsync(HttpMethod.Patch, $"/api/accounts/{number}", new { plan = "Premium 300", reason = "Bills show Premium 300" });
        Assert.Equal("Premium 300", (await ok.ReadAsync<AccountJson>()).Plan);

        var audit = await supervisor.Client.GetJsonAsync<List<AuditJson>>($"/api/accounts/{number}/audit");
        var entry = audit.First(x => x.Action == "corrected");
        Assert.Equal(new ChangeJson("plan", "Basic 50", "Premium 300"), entry.Changes.Single());
        Assert.Equal(supervisor.Name, entry.Actor);
        Assert.Equal("Bills show Premium 300", entry.Reason);

        var timeline = await supervisor.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{customer.Id}/timeline");
        Assert.Contains(timeline.Items, i => i.Kind == "message" && i.Direction == "outbound" && i.Body!.Contains("Premium 300", StringComparison.Ordinal));
        Assert.Contains(timeline.Items, i => i.EventType == "data_corrected" && i.Body!.Contains("Basic 50", StringComparison.Ordinal));
    }
}

public sealed class AccountApiTestsOnSqlite(SqliteApp app) : AccountApiTests(app), IClassFixture<SqliteApp>;

public sealed class AccountApiTestsOnPostgres(PostgresApp app) : AccountApiTests(app), IClassFixture<PostgresApp>;
