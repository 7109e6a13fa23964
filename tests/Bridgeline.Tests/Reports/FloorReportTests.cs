using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Sla;
using Bridgeline.Tests.Support;
using NodaTime;

namespace Bridgeline.Tests.Reports;

/// <summary>The manager's floor: open cases by team and reason, and today's SLA breaches by team.</summary>
public abstract class FloorReportTests(BridgelineApp app)
{
    [Fact]
    public async Task OpenCasesAndTodaysBreaches_AreCountedByTeamAndReason()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", Arrange.RoundTheClockPolicy(t.Team, 60));
        var reason = "billing.fee-" + Guid.NewGuid().ToString("N")[..6];
        using (await app.Admin.SendJsonAsync(HttpMethod.Post, "/api/contact-reasons", new { code = reason, name = "Fee dispute" }))
        {
        }

        app.MoveToNext(IsoDayOfWeek.Tuesday, new LocalTime(9, 0), "UTC");
        await t.Agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = t.CustomerId, subject = "Late fee after closing", channel = "phone", body = "A late fee came after I closed the account.", team = t.Team, owner = "me", contactReason = reason });
        await t.Agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = t.CustomerId, subject = "Second fee", channel = "email", body = "And another fee the month after.", team = t.Team, contactReason = reason });
        var done = await Arrange.CaseAsync(t, "Answered quickly");
        await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{done.Number}", new { status = "resolved" });

        // Two hours later the first two have breached their one-hour resolution target; the resolved one has not.
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.TickAsync();
        await app.TickAsync();

        using var agentAsks = await t.Agent.Client.GetAsync("/api/reports/floor");
        Assert.Equal(HttpStatusCode.Forbidden, agentAsks.StatusCode);
        var floor = await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/reports/floor");
        Assert.Equal(2, Count(floor.GetProperty("openByTeam"), t.Team));
        Assert.Equal(2, Count(floor.GetProperty("openByReason"), reason));
        Assert.Contains(floor.GetProperty("openByTeamAndReason").EnumerateArray(), c =>
            c.GetProperty("team").GetString() == t.Team && c.GetProperty("reason").GetString() == reason && c.GetProperty("count").GetInt32() == 2);
        Assert.True(Count(floor.GetProperty("breachesTodayByTeam"), t.Team) >= 2, floor.ToString());
        Assert.True(floor.GetProperty("breachesToday").GetInt32() >= 2);

        // A day later the breaches are yesterday's; the cases are still open.
        app.Clock.Advance(TimeSpan.FromDays(1));
        floor = await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/reports/floor");
        Assert.Equal(0, Count(floor.GetProperty("breachesTodayByTeam"), t.Team));
        Assert.Equal(2, Count(floor.GetProperty("openByTeam"), t.Team));
    }

    private static int Count(JsonElement groups, string name) =>
        groups.EnumerateArray().Where(g => g.GetProperty("name").GetString() == name).Select(g => g.GetProperty("count").GetInt32()).SingleOrDefault();
}

public sealed class FloorReportTestsOnSqlite(DeadlineSqliteApp app) : FloorReportTests(app), IClassFixture<DeadlineSqliteApp>;

public sealed class FloorReportTestsOnPostgres(DeadlinePostgresApp app) : FloorReportTests(app), IClassFixture<DeadlinePostgresApp>;
