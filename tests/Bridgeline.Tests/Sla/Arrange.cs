using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Sla;

/// <summary>A team of its own per test (agent, supervisor, manager), with an SLA policy and an escalation chain set through the admin API.</summary>
public sealed record TeamSetup(string Team, Staff Agent, Staff Supervisor, Staff Manager, Guid CustomerId);

public static class Arrange
{
    public static async Task<TeamSetup> TeamAsync(BridgelineApp app, object? policy = null, bool chain = true, int acknowledgeMinutes = 60)
    {
        var team = "Team " + Guid.NewGuid().ToString("N")[..8];
        var agent = await app.CreateStaffAsync("agent", team);
        var supervisor = await app.CreateStaffAsync("supervisor", team);
        var manager = await app.CreateStaffAsync("manager", "Claims " + team);
        if (policy is not null)
        {
            await app.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", policy);
        }

        if (chain)
        {
            await app.Admin.PostJsonAsync<JsonElement>("/api/escalation-chains", new
            {
                team,
                levels = new object[]
                {
                    new { name = "Supervisor", user = supervisor.Email, acknowledgeWithinMinutes = acknowledgeMinutes, answerWithinHours = 24 },
                    new { name = "Claims Management", user = manager.Email, acknowledgeWithinMinutes = acknowledgeMinutes, answerWithinHours = 48 },
                },
            });
        }

        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Denise Boudreaux", phones = new[] { "+1 504-555-0143" } });
        return new TeamSetup(team, agent, supervisor, manager, customer.Id);
    }

    public static object OfficePolicy(string team, int resolutionMinutes = 16 * 60, int firstResponseMinutes = 240) => new
    {
        name = "Office hours " + team,
        team,
        timeZone = "Europe/Berlin",
        workDays = new[] { "mon", "tue", "wed", "thu", "fri" },
        opensAt = "09:00",
        closesAt = "17:00",
        holidays = new[] { "2026-12-25" },
        targets = new[] { new { priority = (string?)null, channel = (string?)null, firstResponseMinutes, nextResponseMinutes = 240, resolutionMinutes } },
    };

    public static object RoundTheClockPolicy(string team, int resolutionMinutes) => new
    {
        name = "Round the clock " + team,
        team,
        timeZone = "UTC",
        workDays = new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" },
        opensAt = "00:00",
        closesAt = "00:00",
        targets = new[] { new { priority = (string?)null, channel = (string?)null, firstResponseMinutes = resolutionMinutes, resolutionMinutes } },
    };

    public static Task<CaseJson> CaseAsync(TeamSetup t, string subject = "Claim has had no answer") =>
        t.Agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = t.CustomerId, subject, channel = "phone", body = "My claim has had no answer for six weeks.", team = t.Team, owner = "me" });

    public static async Task<JsonElement> ClockAsync(Staff staff, string number, string kind) =>
        (await staff.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{number}/sla")).Single(c => c.GetProperty("kind").GetString() == kind);

    public static int Count(this List<JsonElement> notifications, string kind, string? caseNumber = null) =>
        notifications.Count(n => n.GetProperty("kind").GetString() == kind && (caseNumber is null || n.GetProperty("caseNumber").GetString() == caseNumber));
}
