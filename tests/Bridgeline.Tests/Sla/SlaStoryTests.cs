using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;
using NodaTime;

namespace Bridgeline.Tests.Sla;

/// <summary>S8 "Three days later, still unsolved": a two-business-day target, a warning at 75%, escalation at breach, the aging report.</summary>
public abstract class SlaStoryTests(BridgelineApp app)
{
    private const string Berlin = "Europe/Berlin";

    [Fact]
    public async Task S8_TwoBusinessDayTarget_WarnsOwnerOnceAt75PercentAndEscalatesToSupervisorAtBreach()
    {
        var t = await Arrange.TeamAsync(app);
        await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", Arrange.OfficePolicy(t.Team));

        // Monday 09:00 in Berlin the customer calls; the case is the agent's.
        app.MoveToNext(IsoDayOfWeek.Monday, new LocalTime(9, 0), Berlin);
        var @case = await Arrange.CaseAsync(t);
        var resolution = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.Equal("running", resolution.GetProperty("state").GetString());
        Assert.Equal("Tue 17:00", resolution.GetProperty("breachAt").GetDateTimeOffset().InZone(Berlin));
        Assert.Equal("Tue 13:00", resolution.GetProperty("warnAt").GetDateTimeOffset().InZone(Berlin));

        // The agent answers at once (first response met) and an hour later waits on the customer: the clock pauses.
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/messages", new { direction = "outbound", body = "We need photos of the damage." });
        Assert.Equal("stopped", (await Arrange.ClockAsync(t.Agent, @case.Number, "first_response")).GetProperty("state").GetString());
        app.Clock.Advance(TimeSpan.FromHours(1));
        await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "pending_customer" });
        resolution = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.Equal("paused", resolution.GetProperty("state").GetString());
        Assert.Equal(15 * 60, resolution.GetProperty("remainingMinutes").GetInt32());

        // Nothing acts while paused, even past the original deadline.
        app.MoveToNext(IsoDayOfWeek.Wednesday, new LocalTime(9, 0), Berlin);
        await app.TickAsync();
        Assert.Equal(0, (await t.Agent.NotificationsAsync()).Count("sla_warning", @case.Number));

        // Wednesday 09:00 the customer writes back: the case reopens and the clock resumes with 15 business hours left.
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/messages", new { direction = "inbound", body = "Here are the photos you asked for." });
        Assert.Equal("running", (await Arrange.ClockAsync(t.Agent, @case.Number, "next_response")).GetProperty("state").GetString());
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/messages", new { direction = "outbound", body = "Thank you, the claim is with our assessor." });
        Assert.Equal("stopped", (await Arrange.ClockAsync(t.Agent, @case.Number, "next_response")).GetProperty("state").GetString());
        resolution = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.Equal("running", resolution.GetProperty("state").GetString());
        Assert.Equal("Thu 12:00", resolution.GetProperty("warnAt").GetDateTimeOffset().InZone(Berlin));
        Assert.Equal("Thu 16:00", resolution.GetProperty("breachAt").GetDateTimeOffset().InZone(Berlin));

        app.MoveToNext(IsoDayOfWeek.Thursday, new LocalTime(12, 0), Berlin);
        await app.TickAsync();
        await app.TickAsync();
        var notes = await t.Agent.NotificationsAsync();
        Assert.Equal(1, notes.Count("sla_warning", @case.Number));
        Assert.True((await t.Agent.Client.GetJsonAsync<JsonElement>("/api/notifications/count")).GetProperty("count").GetInt32() >= 1);
        Assert.Empty(await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/escalations"));

        app.Clock.Advance(TimeSpan.FromHours(4));
        await app.TickAsync();
        await app.TickAsync();
        Assert.Equal(1, (await t.Agent.NotificationsAsync()).Count("sla_breached", @case.Number));
        var escalated = await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/escalations");
        var escalation = Assert.Single(escalated);
        Assert.Equal(@case.Number, escalation.GetProperty("caseNumber").GetString());
        Assert.Equal("sla_breached", escalation.GetProperty("reason").GetString());
        Assert.Equal("Supervisor", escalation.GetProperty("levelName").GetString());
        Assert.Equal(1, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/escalations/count")).GetProperty("count").GetInt32());
        resolution = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.True(resolution.GetProperty("breached").GetBoolean());

        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "sla_breached");
        Assert.Contains(timeline.Items, i => i.EventType == "escalated");

        // Days later it is still open: the aging report lists it, by team, reason and owner.
        app.Clock.Advance(TimeSpan.FromDays(3));
        using var agentAsks = await t.Agent.Client.GetAsync("/api/reports/aging?days=3");
        Assert.Equal(HttpStatusCode.Forbidden, agentAsks.StatusCode);
        var aging = await t.Supervisor.Client.GetJsonAsync<JsonElement>($"/api/reports/aging?days=3&team={Uri.EscapeDataString(t.Team)}");
        var row = Assert.Single(aging.GetProperty("cases").EnumerateArray());
        Assert.Equal(@case.Number, row.GetProperty("number").GetString());
        Assert.Equal(t.Agent.Name, row.GetProperty("owner").GetString());
        Assert.True(row.GetProperty("ageDays").GetInt32() >= 3);
        Assert.Equal(t.Team, aging.GetProperty("byTeam")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task FirstReply_StopsFirstResponseAndResolvingStopsResolution()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", Arrange.RoundTheClockPolicy(t.Team, 120));
        var @case = await Arrange.CaseAsync(t);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/messages", new { direction = "outbound", body = "We are on it." });
        var first = await Arrange.ClockAsync(t.Agent, @case.Number, "first_response");
        Assert.Equal("stopped", first.GetProperty("state").GetString());
        Assert.Equal(90, first.GetProperty("remainingMinutes").GetInt32());

        await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "resolved" });
        Assert.Equal("stopped", (await Arrange.ClockAsync(t.Agent, @case.Number, "resolution")).GetProperty("state").GetString());
        app.Clock.Advance(TimeSpan.FromHours(5));
        await app.TickAsync();
        Assert.Equal(0, (await t.Agent.NotificationsAsync()).Count("sla_breached", @case.Number));
    }

    [Fact]
    public async Task RaisingPriorityMidCase_RetargetsTheRunningClock()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", new
        {
            name = "Priorities " + t.Team,
            team = t.Team,
            timeZone = "UTC",
            workDays = new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" },
            opensAt = "00:00",
            closesAt = "00:00",
            targets = new object[]
            {
                new { resolutionMinutes = 600 },
                new { priority = "urgent", resolutionMinutes = 120 },
            },
        });
        var @case = await Arrange.CaseAsync(t);
        var before = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.Equal(600, before.GetProperty("targetMinutes").GetInt32());

        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { priority = "urgent" });
        var after = await Arrange.ClockAsync(t.Agent, @case.Number, "resolution");
        Assert.Equal(120, after.GetProperty("targetMinutes").GetInt32());
        Assert.Equal(60, after.GetProperty("remainingMinutes").GetInt32());
    }

    [Fact]
    public async Task ReadingANotification_LowersTheHeaderCountAndOthersCannotReadIt()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", Arrange.RoundTheClockPolicy(t.Team, 40));
        var @case = await Arrange.CaseAsync(t);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.TickAsync();

        var unread = await t.Agent.Client.GetJsonAsync<List<JsonElement>>("/api/notifications?unread=true");
        var warning = unread.First(n => n.GetProperty("caseNumber").GetString() == @case.Number);
        var before = (await t.Agent.Client.GetJsonAsync<JsonElement>("/api/notifications/count")).GetProperty("count").GetInt32();
        var id = warning.GetProperty("id").GetGuid();

        using var notTheirs = await t.Supervisor.Client.PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using var read = await t.Agent.Client.PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(before - 1, (await t.Agent.Client.GetJsonAsync<JsonElement>("/api/notifications/count")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task InvalidPolicy_Is400NamingEachField()
    {
        using var response = await app.Admin.SendJsonAsync(HttpMethod.Post, "/api/sla-policies", new
        {
            name = "",
            timeZone = "Mars/Olympus",
            workDays = new[] { "funday" },
            opensAt = "9am",
            holidays = new[] { "25.12.2026" },
            targets = new[] { new { resolutionMinutes = -5 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        foreach (var field in new[] { "name", "timeZone", "workDays", "opensAt", "holidays[0]", "targets[0].resolutionMinutes" })
        {
            Assert.NotEmpty(problem.ErrorsFor(field));
        }
    }
}

public sealed class SlaStoryTestsOnSqlite(DeadlineSqliteApp app) : SlaStoryTests(app), IClassFixture<DeadlineSqliteApp>;

public sealed class SlaStoryTestsOnPostgres(DeadlinePostgresApp app) : SlaStoryTests(app), IClassFixture<DeadlinePostgresApp>;
