using System.Globalization;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Sla;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Escalations;

public sealed record MoneyJson(string? Amount, string? Currency);

public sealed record EscalateRequest(string? Reason, string? ReasonText, string? PolicyCode, MoneyJson? AtStake, string? Harm);

public sealed record AnswerEscalationRequest(string? Answer);

/// <summary>Escalating a case up its team's chain, acknowledging and answering it, and climbing when nobody acknowledges.</summary>
public sealed class EscalationOperations(BridgelineDb db, TimeProvider clock)
{
    public async Task<Escalation> EscalateAsync(string caseNumber, EscalateRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Enum<EscalationReason>("reason", request.Reason, required: true);
        if (reason == EscalationReason.SlaBreached)
        {
            v.Add("reason", "sla_breached is raised by Bridgeline itself. Allowed: policy_blocked, technical, complaint, customer_asked, other.");
        }

        var text = reason == EscalationReason.Other ? v.Required("reasonText", request.ReasonText, 2000) : v.Optional("reasonText", request.ReasonText, 2000);
        var policyCode = reason == EscalationReason.PolicyBlocked ? v.Required("policyCode", request.PolicyCode, 100)?.ToLowerInvariant() : v.Optional("policyCode", request.PolicyCode, 100);
        var harm = v.Optional("harm", request.Harm, 2000);
        var (amount, currency) = ReadMoney(v, "atStake", request.AtStake);
        v.ThrowIfInvalid();

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var escalation = await RaiseAsync(@case, reason!.Value, actor, now, ct);
        escalation.ReasonText = text;
        escalation.PolicyCode = policyCode;
        escalation.Harm = harm;
        escalation.AtStakeAmount = amount;
        escalation.AtStakeCurrency = currency;
        Auditor.Record(db, actor, now, "case", @case.Id, "escalated", [
            new FieldChange("escalation", null, $"{escalation.LevelName} (level {escalation.Level})"),
            new FieldChange("reason", null, Names.Of(escalation.Reason) + (policyCode is null ? "" : ": " + policyCode)),
        ], text);
        await db.SaveChangesAsync(ct);
        return escalation;
    }

    /// <summary>
    /// Hands the case to the next level of its team's chain: a new escalation at level 1, or the open one a level up.
    /// Used by people and by the SLA worker on breach; the caller saves.
    /// </summary>
    public async Task<Escalation> RaiseAsync(Case @case, EscalationReason reason, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var chain = await ChainForAsync(@case, ct);
        var open = await db.Set<Escalation>()
            .Where(e => e.CaseId == @case.Id && e.State != EscalationState.Answered)
            .OrderByDescending(e => e.RaisedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            if (!Climb(open, chain, @case, actor, now, reason.ToString()))
            {
                throw new ConflictProblem($"Case {@case.DisplayNumber} is already escalated to the top of its chain ({open.LevelName}).");
            }

            return open;
        }

        var level = chain.Levels.OrderBy(l => l.Level).First();
        var assignee = level.OnDutyAt(now) ?? throw new UnprocessableProblem($"Nobody is on duty for {level.Name}.");
        var escalation = new Escalation
        {
            CaseId = @case.Id,
            ChainId = chain.Id,
            Level = level.Level,
            LevelName = level.Name,
            AssigneeId = assignee,
            Reason = reason,
            RaisedById = actor.UserId,
            RaisedByName = actor.Name,
            RaisedAt = now,
            AcknowledgeDueAt = now.AddMinutes(level.AcknowledgeWithinMinutes),
            AnswerDueAt = now.AddHours(level.AnswerWithinHours),
        };
        escalation.NextDueAt = escalation.AcknowledgeDueAt;
        db.Add(escalation);
        var zone = await ZoneForAsync(@case.TeamId, ct);
        CaseActivity.AddEvent(db, @case, actor, now, "escalated",
            $"Escalated to {level.Name} ({Names.Label(reason)}); answer due by {EscalationText.Date(escalation.AnswerDueAt, zone)}");
        db.Add(Notification.For(assignee, NotificationKind.EscalatedToYou, @case,
            $"{@case.DisplayNumber} escalated to you ({level.Name}, {Names.Label(reason)}): acknowledge by {EscalationText.Time(escalation.AcknowledgeDueAt, zone)}.", now));
        return escalation;
    }

    /// <summary>Moves an escalation a level up. False when it is already at the top (nothing then changes but its timer).</summary>
    public bool Climb(Escalation escalation, EscalationChain chain, Case @case, Actor actor, DateTimeOffset now, string why)
    {
        var next = chain.Levels.Where(l => l.Level > escalation.Level).OrderBy(l => l.Level).FirstOrDefault();
        var assignee = next?.OnDutyAt(now);
        if (next is null || assignee is null)
        {
            escalation.NextDueAt = null;
            return false;
        }

        var previous = escalation.AssigneeId;
        var from = escalation.LevelName;
        escalation.Level = next.Level;
        escalation.LevelName = next.Name;
        escalation.AssigneeId = assignee.Value;
        escalation.State = EscalationState.Open;
        escalation.AcknowledgedAt = null;
        escalation.AcknowledgeDueAt = now.AddMinutes(next.AcknowledgeWithinMinutes);
        escalation.NextDueAt = escalation.AcknowledgeDueAt;
        escalation.Version++;
        CaseActivity.AddEvent(db, @case, actor, now, "escalation_climbed", $"Escalation climbed from {from} to {next.Name} ({why})");
        Auditor.Record(db, actor, now, "case", @case.Id, "escalation_climbed", [new FieldChange("escalation", from, next.Name)], why);
        db.Add(Notification.For(assignee.Value, NotificationKind.EscalatedToYou, @case,
            $"{@case.DisplayNumber} escalated to you ({next.Name}) after {from}: {why}.", now));
        db.Add(Notification.For(previous, NotificationKind.EscalationClimbed, @case,
            $"{@case.DisplayNumber} went up to {next.Name}: {why}.", now));
        return true;
    }

    public async Task<Escalation> AcknowledgeAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var (escalation, @case) = await LoadAsync(id, actor, ct);
        if (escalation.State != EscalationState.Open)
        {
            return escalation;
        }

        var now = clock.GetUtcNow();
        escalation.State = EscalationState.Acknowledged;
        escalation.AcknowledgedAt = now;
        escalation.NextDueAt = null;
        escalation.Version++;
        CaseActivity.AddEvent(db, @case, actor, now, "escalation_acknowledged", $"Escalation acknowledged by {actor.Name} ({escalation.LevelName})");
        Auditor.Record(db, actor, now, "escalation", escalation.Id, "acknowledged", [new FieldChange("state", "open", "acknowledged")]);
        await SaveAsync(ct);
        return escalation;
    }

    public async Task<Escalation> AnswerAsync(Guid id, AnswerEscalationRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var answer = v.Required("answer", request.Answer, 10000);
        v.ThrowIfInvalid();
        var (escalation, @case) = await LoadAsync(id, actor, ct);
        if (escalation.State == EscalationState.Answered)
        {
            throw new ConflictProblem("This escalation is already answered.", new Dictionary<string, object?> { ["answeredAt"] = escalation.AnsweredAt });
        }

        var now = clock.GetUtcNow();
        escalation.AcknowledgedAt ??= now;
        escalation.AnsweredAt = now;
        escalation.Answer = answer;
        escalation.State = EscalationState.Answered;
        escalation.NextDueAt = null;
        escalation.Version++;
        CaseActivity.AddEvent(db, @case, actor, now, "escalation_answered", $"{escalation.LevelName} answered: {answer}");
        Auditor.Record(db, actor, now, "escalation", escalation.Id, "answered", [new FieldChange("state", "acknowledged", "answered")]);
        await SaveAsync(ct);
        return escalation;
    }

    public async Task<EscalationChain> ChainForAsync(Case @case, CancellationToken ct)
    {
        var team = @case.TeamId ?? throw new UnprocessableProblem($"Case {@case.DisplayNumber} has no team, so it has no escalation chain.");
        return await db.Set<EscalationChain>().Include(c => c.Levels).ThenInclude(l => l.Rota)
                   .AsSplitQuery().FirstOrDefaultAsync(c => c.TeamId == team && c.Levels.Count > 0, ct)
               ?? throw new UnprocessableProblem($"The case's team has no escalation chain. An admin sets one with POST /api/escalation-chains.");
    }

    public async Task<NodaTime.DateTimeZone> ZoneForAsync(Guid? teamId, CancellationToken ct)
    {
        var policy = await SlaClocks.PolicyForAsync(db, teamId, ct);
        return policy?.ToCalendar().Zone ?? NodaTime.DateTimeZone.Utc;
    }

    private async Task<(Escalation, Case)> LoadAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var escalation = await db.Set<Escalation>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundProblem($"Escalation {id}");
        if (escalation.AssigneeId != actor.UserId && actor.Role is not (Roles.Manager or Roles.Admin))
        {
            throw new ForbiddenProblem("Only the person it is escalated to (or a manager) may acknowledge or answer it.");
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == escalation.CaseId, ct);
        return (escalation, @case);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictProblem("The escalation changed (it may have climbed a level) while this was applied. Reload and try again.");
        }
    }

    internal static (decimal? Amount, string? Currency) ReadMoney(Validator v, string field, MoneyJson? money)
    {
        if (money is null || (money.Amount is null && money.Currency is null))
        {
            return (null, null);
        }

        decimal? amount = null;
        if (!decimal.TryParse(money.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) || parsed < 0 || decimal.Round(parsed, 2) != parsed)
        {
            v.Add(field + ".amount", "A non-negative amount with at most two decimals, as a string: \"80.00\".");
        }
        else
        {
            amount = parsed;
        }

        var currency = money.Currency?.Trim().ToUpperInvariant();
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper) || !KnownCurrencies.Contains(currency))
        {
            v.Add(field + ".currency", "An ISO 4217 currency code such as USD or EUR.");
        }

        return (amount, currency);
    }

    private static readonly HashSet<string> KnownCurrencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .Where(c => c is not null).Select(c => c!).ToHashSet(StringComparer.Ordinal);
}

/// <summary>How escalation dates read for customers and staff, in the team's time zone.</summary>
public static class EscalationText
{
    public static string Date(DateTimeOffset at, NodaTime.DateTimeZone zone) =>
        NodaTime.Instant.FromDateTimeOffset(at).InZone(zone).ToString("d MMMM", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at, NodaTime.DateTimeZone zone) =>
        NodaTime.Instant.FromDateTimeOffset(at).InZone(zone).ToString("d MMMM HH:mm", CultureInfo.InvariantCulture);

    public static string CustomerNotice(string levelName, DateTimeOffset raisedAt, DateTimeOffset answerDueAt, NodaTime.DateTimeZone zone) =>
        $"Escalated to {levelName} on {Date(raisedAt, zone)}, answer due by {Date(answerDueAt, zone)}.";
}
