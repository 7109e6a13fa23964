using System.Text.Json;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Sla;
using Bridgeline.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bridgeline.Tests.Sla;

/// <summary>Two server processes on one PostgreSQL, many clocks coming due at once: each warning and breach acts exactly once.</summary>
public sealed class ExactlyOnceTests(DeadlinePostgresApp first) : IClassFixture<DeadlinePostgresApp>
{
    [Fact]
    public async Task TwoServersTickingTogether_ActOnEachWarningAndBreachOnce()
    {
        var second = new SecondPostgresApp(first.SharedConnectionString);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            second.Clock.SetUtcNow(first.Clock.GetUtcNow());
            var t = await Arrange.TeamAsync(first);
            await first.Admin.PostJsonAsync<JsonElement>("/api/sla-policies", Arrange.RoundTheClockPolicy(t.Team, 60));

            const int cases = 60;
            var numbers = new List<string>();
            for (var i = 0; i < cases; i++)
            {
                var client = i % 2 == 0 ? t.Agent.Client : second.ClientWithKey(t.Agent.Key);
                numbers.Add((await Arrange.CaseAsync(t with { Agent = t.Agent with { Client = client } }, $"Outage report {i}")).Number);
            }

            // Every case's warning and breach come due; both servers tick at the same time, several times over.
            first.Clock.Advance(TimeSpan.FromHours(2));
            second.Clock.SetUtcNow(first.Clock.GetUtcNow());
            var acted = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { first.TickAsync(), second.TickAsync() }));

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
            var plain = numbers.Select(n => long.Parse(n.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var caseIds = await db.Cases.Where(c => plain.Contains(c.Number)).Select(c => c.Id).ToListAsync();
            var notifications = await db.Set<Notification>().Where(n => n.CaseId != null && caseIds.Contains(n.CaseId.Value)).ToListAsync();
            var escalations = await db.Set<Escalation>().Where(e => caseIds.Contains(e.CaseId)).ToListAsync();

            // Two clocks per case (first response, resolution), each warned and breached once.
            Assert.Equal(cases * 4, acted.Sum());
            foreach (var id in caseIds)
            {
                Assert.Equal(2, notifications.Count(n => n.CaseId == id && n.Kind == NotificationKind.SlaWarning && n.RecipientId == t.Agent.Id));
                Assert.Equal(2, notifications.Count(n => n.CaseId == id && n.Kind == NotificationKind.SlaBreached && n.RecipientId == t.Agent.Id));
                Assert.Single(escalations, e => e.CaseId == id);
            }

            // A restart acts on nothing twice.
            var third = new SecondPostgresApp(first.SharedConnectionString);
            await ((IAsyncLifetime)third).InitializeAsync();
            third.Clock.SetUtcNow(first.Clock.GetUtcNow());
            Assert.Equal(0, await third.TickAsync());
            await third.DisposeAsync();
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
