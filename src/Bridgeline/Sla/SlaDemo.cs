using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Promises;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Bridgeline.Sla;

/// <summary>
/// The accountability part of the demo: a default SLA policy on business hours, the chain agent →
/// supervisor → claims manager for the claims story, clocks on the demo cases, one escalation and one promise.
/// </summary>
public sealed class SlaDemo(BridgelineDb db, TimeProvider clock)
{
    public const string Zone = "America/New_York";

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.Add(new SlaPolicy
        {
            Name = "Standard (business hours)",
            IsDefault = true,
            TimeZone = Zone,
            WorkDays = "mon,tue,wed,thu,fri",
            OpensAt = "08:00",
            ClosesAt = "18:00",
            Holidays = "2026-12-25,2027-01-01",
            WarnPercent = 75,
            CreatedAt = now,
            UpdatedAt = now,
            Targets =
            [
                new SlaTarget { FirstResponseMinutes = 240, NextResponseMinutes = 480, ResolutionMinutes = 2 * 10 * 60 },
                new SlaTarget { Priority = CasePriority.Urgent, FirstResponseMinutes = 60, NextResponseMinutes = 120, ResolutionMinutes = 10 * 60 },
                new SlaTarget { Priority = CasePriority.High, FirstResponseMinutes = 120, NextResponseMinutes = 240, ResolutionMinutes = 2 * 10 * 60 },
            ],
        });

        var users = await db.Users.ToDictionaryAsync(u => u.Email!, StringComparer.OrdinalIgnoreCase, ct);
        var supervisor = users["supervisor@demo.bridgeline"];
        var manager = users["claims.manager@demo.bridgeline"];
        foreach (var team in await db.Teams.Where(t => t.Name == "Tier 1" || t.Name == "Hotline").ToListAsync(ct))
        {
            db.Add(new EscalationChain
            {
                TeamId = team.Id,
                Name = team.Name + " chain",
                CreatedAt = now,
                Levels =
                [
                    new EscalationLevel { Level = 1, Name = "Duty Supervisor", UserId = supervisor.Id, AcknowledgeWithinMinutes = 60, AnswerWithinHours = 24 },
                    new EscalationLevel { Level = 2, Name = "Claims Management", UserId = manager.Id, AcknowledgeWithinMinutes = 240, AnswerWithinHours = 48 },
                ],
            });
        }

        await db.SaveChangesAsync(ct);

        var cases = await db.Cases.ToListAsync(ct);
        foreach (var @case in cases.Where(c => CaseTransitions.IsOpen(c.Status)))
        {
            await SlaClocks.SyncAsync(db, @case, now, null, ct);
        }

        await db.SaveChangesAsync(ct);

        // S2: the claim refused because the business has no storefront goes up the chain, policy blocked.
        var hotline = users["hotline@demo.bridgeline"];
        var hotlineActor = new Actor(hotline.Id, hotline.Name, hotline.Role, hotline.TeamId, null);
        if (cases.FirstOrDefault(c => c.Subject.Contains("claim form rejects", StringComparison.Ordinal)) is { } blocked)
        {
            await new EscalationOperations(db, clock).EscalateAsync(blocked.DisplayNumber, new EscalateRequest(
                "policy_blocked",
                "The claim form refuses a business without a storefront; the caller fishes from his own boat.",
                "claims.storefront-required",
                new MoneyJson("25000.00", "USD"),
                "No income for six weeks."), hotlineActor, ct);
        }

        // S5: a callback promised on the order case, due at 17:00 the team's time (or in three hours when that has passed).
        var agent = users["agent@demo.bridgeline"];
        if (cases.FirstOrDefault(c => c.Subject.Contains("C-1001", StringComparison.Ordinal)) is { } order)
        {
            var zone = DateTimeZoneProviders.Tzdb[Zone];
            var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
            var five = zone.AtLeniently(today + new LocalTime(17, 0)).ToDateTimeOffset().ToUniversalTime();
            var due = five > now.AddMinutes(30) ? five : now.AddHours(3);
            await new PromiseOperations(db, clock).MakeAsync(order.DisplayNumber, new MakePromiseRequest(
                "callback", "Call back with the warehouse's answer about C-1001", due, agent.Id.ToString(), 15),
                new Actor(agent.Id, agent.Name, agent.Role, agent.TeamId, null), ct);
        }
    }
}
