using System.Globalization;
using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Sla;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Escalations;

/// <summary>S2 "Nothing is sent higher up": escalated with a reason and what is at stake, lands on a named manager, climbs when nobody acknowledges.</summary>
public abstract class EscalationStoryTests(BridgelineApp app)
{
    [Fact]
    public async Task S2_PolicyBlockedEscalation_LandsOnNamedPersonClimbsWhenUnacknowledgedAndTheCustomerSeesTheDueDate()
    {
        var t = await Arrange.TeamAsync(app, acknowledgeMinutes: 120);
        var @case = await Arrange.CaseAsync(t, "Claim form rejects a business without a storefront");

        var raisedAt = app.Clock.GetUtcNow();
        var escalation = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/escalations", new
        {
            reason = "policy_blocked",
            policyCode = "claims.storefront-required",
            reasonText = "The claim form refuses businesses without a storefront; the caller fishes from his own boat.",
            atStake = new { amount = "25000.00", currency = "USD" },
            harm = "Six weeks without income",
        });
        Assert.Equal("Supervisor", escalation.GetProperty("levelName").GetString());
        Assert.Equal(t.Supervisor.Id, escalation.GetProperty("assignee").GetProperty("id").GetGuid());
        Assert.Equal("policy_blocked", escalation.GetProperty("reason").GetString());
        Assert.Equal("claims.storefront-required", escalation.GetProperty("policyCode").GetString());
        Assert.Equal("25000.00", escalation.GetProperty("atStake").GetProperty("amount").GetString());
        Assert.Equal(raisedAt.AddMinutes(120), escalation.GetProperty("acknowledgeDueAt").GetDateTimeOffset());

        // It lands on the supervisor's "escalated to me" list and in the header count.
        Assert.Equal(1, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/escalations/count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await t.Supervisor.NotificationsAsync()).Count("escalated_to_you", @case.Number));

        // Nobody acknowledges in time: the worker climbs it to Claims Management, once.
        app.Clock.Advance(TimeSpan.FromMinutes(121));
        await app.TickAsync();
        await app.TickAsync();
        var mine = await t.Manager.Client.GetJsonAsync<List<JsonElement>>("/api/escalations");
        var climbed = Assert.Single(mine, e => e.GetProperty("caseNumber").GetString() == @case.Number);
        Assert.Equal("Claims Management", climbed.GetProperty("levelName").GetString());
        Assert.Equal(2, climbed.GetProperty("level").GetInt32());
        Assert.Equal(0, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/escalations/count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await t.Manager.NotificationsAsync()).Count("escalated_to_you", @case.Number));

        // The customer-facing text is on the case.
        var caseDto = await t.Agent.Client.GetJsonAsync<JsonElement>($"/api/cases/{@case.Number}");
        var expected = $"Escalated to Claims Management on {raisedAt.ToString("d MMMM", CultureInfo.InvariantCulture)}, answer due by {raisedAt.AddHours(24).ToString("d MMMM", CultureInfo.InvariantCulture)}.";
        Assert.Equal(expected, caseDto.GetProperty("escalationNotice").GetString());

        // Someone other than the assignee may not acknowledge it.
        var id = climbed.GetProperty("id").GetGuid();
        using var notYours = await t.Agent.Client.PostAsync($"/api/escalations/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);

        // Acknowledged, it stops climbing; answered, the answer goes on the timeline.
        await t.Manager.Client.PostJsonAsync<JsonElement>($"/api/escalations/{id}/acknowledge", new { });
        app.Clock.Advance(TimeSpan.FromHours(5));
        await app.TickAsync();
        var after = (await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/escalations")).Single();
        Assert.Equal("acknowledged", after.GetProperty("state").GetString());
        Assert.Equal(2, after.GetProperty("level").GetInt32());

        await t.Manager.Client.PostJsonAsync<JsonElement>($"/api/escalations/{id}/answer", new { answer = "Approved as an exception: a boat counts as the place of business." });
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "escalated");
        Assert.Contains(timeline.Items, i => i.EventType == "escalation_climbed");
        Assert.Contains(timeline.Items, i => i.EventType == "escalation_answered" && i.Body!.Contains("boat counts", StringComparison.Ordinal));
        Assert.Equal(0, (await t.Manager.Client.GetJsonAsync<JsonElement>("/api/escalations/count")).GetProperty("count").GetInt32());

        var audit = await t.Agent.Client.GetJsonAsync<List<AuditJson>>($"/api/cases/{@case.Number}/audit");
        Assert.Contains(audit, a => a.Action == "escalated" && a.Changes.Any(c => c.After == "policy_blocked: claims.storefront-required"));
    }

    [Fact]
    public async Task EscalationWithBadReasonOrMoney_Is400NamingTheFieldAndWritesNothing()
    {
        var t = await Arrange.TeamAsync(app);
        var @case = await Arrange.CaseAsync(t);

        using var badReason = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/escalations", new { reason = "bored" });
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.NotEmpty((await badReason.ProblemAsync()).ErrorsFor("reason"));

        using var badMoney = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/escalations", new { reason = "complaint", atStake = new { amount = "-3", currency = "XQZ" } });
        var problem = await badMoney.ProblemAsync();
        Assert.NotEmpty(problem.ErrorsFor("atStake.amount"));
        Assert.NotEmpty(problem.ErrorsFor("atStake.currency"));

        using var otherWithoutText = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/escalations", new { reason = "other" });
        Assert.NotEmpty((await otherWithoutText.ProblemAsync()).ErrorsFor("reasonText"));

        Assert.Empty(await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/escalations"));
        Assert.Equal(0, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/escalations/count")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task TeamWithoutChain_Is422AndEscalatingPastTheTop_Is409()
    {
        var lone = await Arrange.TeamAsync(app, chain: false);
        var loneCase = await Arrange.CaseAsync(lone);
        using var noChain = await lone.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{loneCase.Number}/escalations", new { reason = "technical" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noChain.StatusCode);

        var t = await Arrange.TeamAsync(app);
        var @case = await Arrange.CaseAsync(t);
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/escalations", new { reason = "customer_asked" });
        var second = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/escalations", new { reason = "complaint" });
        Assert.Equal("Claims Management", second.GetProperty("levelName").GetString());
        using var third = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/escalations", new { reason = "complaint" });
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
    }

    [Fact]
    public async Task OnDutyRota_LandsOnWhoeverIsOnDutyNow()
    {
        var t = await Arrange.TeamAsync(app, chain: false);
        var night = await app.CreateStaffAsync("supervisor", t.Team);
        var now = app.Clock.GetUtcNow();
        await app.Admin.PostJsonAsync<JsonElement>("/api/escalation-chains", new
        {
            team = t.Team,
            levels = new object[]
            {
                new
                {
                    name = "Duty supervisor",
                    rota = new object[]
                    {
                        new { user = t.Supervisor.Email, startsAt = now.AddHours(-12), endsAt = now.AddHours(-1) },
                        new { user = night.Email, startsAt = now.AddHours(-1), endsAt = now.AddHours(11) },
                    },
                },
            },
        });
        var @case = await Arrange.CaseAsync(t);
        var escalation = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/escalations", new { reason = "technical" });
        Assert.Equal(night.Id, escalation.GetProperty("assignee").GetProperty("id").GetGuid());
    }
}

public sealed class EscalationStoryTestsOnSqlite(DeadlineSqliteApp app) : EscalationStoryTests(app), IClassFixture<DeadlineSqliteApp>;

public sealed class EscalationStoryTestsOnPostgres(DeadlinePostgresApp app) : EscalationStoryTests(app), IClassFixture<DeadlinePostgresApp>;
