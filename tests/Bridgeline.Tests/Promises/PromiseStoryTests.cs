using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Sla;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Promises;

/// <summary>S5 "I'll have someone call you back today": the promise is tracked, reminded, and counted broken when it passes unkept.</summary>
public abstract class PromiseStoryTests(BridgelineApp app)
{
    [Fact]
    public async Task S5_CallbackPromise_IsRemindedThenBrokenWithSupervisorToldAndCountedInTheReport()
    {
        var t = await Arrange.TeamAsync(app);
        var @case = await Arrange.CaseAsync(t, "Where is my order C-1001?");
        var now = app.Clock.GetUtcNow();

        var callback = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/promises", new { kind = "callback", text = "Call back with the warehouse's answer", dueAt = now.AddHours(8) });
        var email = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/promises", new { kind = "email", dueAt = now.AddHours(2), remindMinutesBefore = 30 });
        Assert.Equal("open", callback.GetProperty("state").GetString());
        Assert.Equal(now.AddHours(8).AddMinutes(-15), callback.GetProperty("remindAt").GetDateTimeOffset());

        // On the agent's own list, soonest first.
        var mine = await t.Agent.Client.GetJsonAsync<List<JsonElement>>("/api/promises");
        Assert.Equal([email.GetProperty("id").GetGuid(), callback.GetProperty("id").GetGuid()], mine.Select(p => p.GetProperty("id").GetGuid()));

        // The email promise is kept in time.
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/promises/{email.GetProperty("id").GetGuid()}/kept", new { });

        // Fifteen minutes before the callback is due the agent is reminded, once.
        app.Clock.SetUtcNow(now.AddHours(8).AddMinutes(-15));
        await app.TickAsync();
        await app.TickAsync();
        Assert.Equal(1, (await t.Agent.NotificationsAsync()).Count("promise_reminder", @case.Number));

        // It passes unkept: broken, the supervisor is told, the timeline says so.
        app.Clock.SetUtcNow(now.AddHours(8).AddMinutes(1));
        await app.TickAsync();
        await app.TickAsync();
        var promises = await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/promises");
        Assert.Equal("broken", promises.Single(p => p.GetProperty("kind").GetString() == "callback").GetProperty("state").GetString());
        Assert.Equal(1, (await t.Supervisor.NotificationsAsync()).Count("promise_broken", @case.Number));
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "promise_broken");
        Assert.Contains(timeline.Items, i => i.EventType == "promise_made");

        // Keeping it now is too late.
        using var late = await t.Agent.Client.PostAsync($"/api/promises/{callback.GetProperty("id").GetGuid()}/kept", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        var report = await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/reports/promises");
        var row = report.GetProperty("byAgent").EnumerateArray().Single(r => r.GetProperty("name").GetString() == t.Agent.Name);
        Assert.Equal(2, row.GetProperty("made").GetInt32());
        Assert.Equal(1, row.GetProperty("kept").GetInt32());
        Assert.Equal(1, row.GetProperty("broken").GetInt32());
        Assert.Equal(t.Team, row.GetProperty("team").GetString());
        var team = report.GetProperty("byTeam").EnumerateArray().Single(r => r.GetProperty("name").GetString() == t.Team);
        Assert.Equal(1, team.GetProperty("broken").GetInt32());
        Assert.Contains(report.GetProperty("broken").EnumerateArray(), b => b.GetProperty("caseNumber").GetString() == @case.Number);
    }

    [Fact]
    public async Task PromiseInThePastOrOfUnknownKind_Is400()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        var @case = await Arrange.CaseAsync(t);
        using var response = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/promises", new { kind = "telepathy", dueAt = app.Clock.GetUtcNow().AddMinutes(-5) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.NotEmpty(problem.ErrorsFor("kind"));
        Assert.NotEmpty(problem.ErrorsFor("dueAt"));
        Assert.Empty(await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/promises"));
    }

    [Fact]
    public async Task CancelledPromise_NeedsAReasonAndIsNeverBroken()
    {
        var t = await Arrange.TeamAsync(app);
        var @case = await Arrange.CaseAsync(t);
        var promise = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/promises", new { kind = "refund_arrives", dueAt = app.Clock.GetUtcNow().AddHours(1) });
        var id = promise.GetProperty("id").GetGuid();
        using var noReason = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/promises/{id}/cancel", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/promises/{id}/cancel", new { reason = "The customer withdrew the refund request." });

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.TickAsync();
        var after = (await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/promises")).Single();
        Assert.Equal("cancelled", after.GetProperty("state").GetString());
        Assert.Equal(0, (await t.Supervisor.NotificationsAsync()).Count("promise_broken", @case.Number));
    }
}

public sealed class PromiseStoryTestsOnSqlite(DeadlineSqliteApp app) : PromiseStoryTests(app), IClassFixture<DeadlineSqliteApp>;

public sealed class PromiseStoryTestsOnPostgres(DeadlinePostgresApp app) : PromiseStoryTests(app), IClassFixture<DeadlinePostgresApp>;
