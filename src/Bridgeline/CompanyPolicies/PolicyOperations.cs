using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Escalations;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.CompanyPolicies;

public sealed record PolicyRequest(string? Code, string? Name, string? Description, string? Owner, bool? Active);

public sealed record PolicyBlockRequest(string? Policy, string? Outcome, MoneyRequest? AtStake, string? Harm, string? Note);

public sealed record PolicyOutcomeRequest(string? Outcome, string? Reason);

/// <summary>The registry of named policies (managers keep it) and the record of requests they blocked.</summary>
public sealed class PolicyOperations(BridgelineDb db, TimeProvider clock, EscalationOperations escalations)
{
    public async Task<Policy> CreateAsync(PolicyRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var code = ReadCode(v, request.Code);
        var name = v.Required("name", request.Name, 200);
        var description = v.Optional("description", request.Description, 2000);
        var owner = v.Optional("owner", request.Owner, 200);
        v.ThrowIfInvalid();
        if (await db.Set<Policy>().AnyAsync(p => p.Code == code, ct))
        {
            throw new ConflictProblem($"A policy with code {code} exists. Change it with PUT /api/policies/{code}.");
        }

        var now = clock.GetUtcNow();
        var policy = new Policy { Code = code!, Name = name!, Description = description, Owner = owner, CreatedAt = now, UpdatedAt = now };
        db.Add(policy);
        Auditor.Record(db, actor, now, "policy", policy.Id, "created", [new FieldChange("code", null, code), new FieldChange("name", null, name)]);
        await db.SaveChangesAsync(ct);
        return policy;
    }

    public async Task<Policy> UpdateAsync(string code, PolicyRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var name = request.Name is null ? null : v.Required("name", request.Name, 200);
        var description = v.Optional("description", request.Description, 2000);
        var owner = v.Optional("owner", request.Owner, 200);
        if (request.Code is not null && !string.Equals(request.Code.Trim(), code, StringComparison.OrdinalIgnoreCase))
        {
            v.Add("code", "A policy's code does not change: blocks and escalations name it.");
        }

        v.ThrowIfInvalid();
        var policy = await LoadAsync(code, ct);
        var changes = new List<FieldChange>();
        if (name is not null)
        {
            Auditor.Compare(changes, "name", policy.Name, name);
            policy.Name = name;
        }

        if (request.Description is not null)
        {
            Auditor.Compare(changes, "description", policy.Description, description);
            policy.Description = description;
        }

        if (request.Owner is not null)
        {
            Auditor.Compare(changes, "owner", policy.Owner, owner);
            policy.Owner = owner;
        }

        if (request.Active is { } active)
        {
            Auditor.Compare(changes, "active", policy.IsActive ? "yes" : "no", active ? "yes" : "no");
            policy.IsActive = active;
        }

        if (changes.Count > 0)
        {
            policy.UpdatedAt = clock.GetUtcNow();
            Auditor.Record(db, actor, policy.UpdatedAt, "policy", policy.Id, "updated", changes);
            await db.SaveChangesAsync(ct);
        }

        return policy;
    }

    public async Task<Policy> LoadAsync(string code, CancellationToken ct)
    {
        var key = code.Trim().ToLowerInvariant();
        return await db.Set<Policy>().FirstOrDefaultAsync(p => p.Code == key, ct) ?? throw new NotFoundProblem($"Policy {code}");
    }

    /// <summary>
    /// Records that the case's request was refused or escalated because of a policy. Escalated, it goes up the case's
    /// chain as "policy blocked" naming the policy, and the block is linked to that escalation.
    /// </summary>
    public async Task<PolicyBlock> RecordBlockAsync(string caseNumber, PolicyBlockRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var code = v.Required("policy", request.Policy, 100)?.ToLowerInvariant();
        var outcome = v.Enum<PolicyBlockOutcome>("outcome", request.Outcome, required: true);
        if (outcome is PolicyBlockOutcome.ExceptionGranted or PolicyBlockOutcome.Upheld)
        {
            v.Add("outcome", "A block is recorded as refused or escalated; exception_granted and upheld come later (PATCH /api/policy-blocks/{id}).");
        }

        var atStake = Currencies.Read(v, "atStake", request.AtStake, required: false);
        var harm = v.Optional("harm", request.Harm, 2000);
        var note = v.Optional("note", request.Note, 2000);
        Policy? policy = null;
        if (code is not null && (policy = await db.Set<Policy>().FirstOrDefaultAsync(p => p.Code == code, ct)) is null)
        {
            v.Add("policy", $"No policy '{request.Policy}'. See GET /api/policies.");
        }
        else if (policy is { IsActive: false })
        {
            v.Add("policy", $"Policy {policy.Code} is retired.");
        }

        v.ThrowIfInvalid();
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        Guid? escalationId = null;
        if (outcome == PolicyBlockOutcome.Escalated)
        {
            // Raised (and saved) first: when the team has no chain the request fails with nothing written.
            var raised = await escalations.EscalateAsync(caseNumber, new EscalateRequest(
                Names.Of(EscalationReason.PolicyBlocked), note ?? $"Blocked by policy: {policy!.Name}", policy!.Code,
                atStake is { } m ? new MoneyJson(Money.Of(m.Amount, m.Currency).Amount, m.Currency) : null, harm), actor, ct);
            escalationId = raised.Id;
        }

        var now = clock.GetUtcNow();
        var block = new PolicyBlock
        {
            PolicyId = policy!.Id,
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Outcome = outcome!.Value,
            AtStakeAmount = atStake?.Amount,
            AtStakeCurrency = atStake?.Currency,
            Harm = harm,
            Note = note,
            EscalationId = escalationId,
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = now,
        };
        db.Add(block);
        var stake = atStake is { } s ? $"; at stake {Money.Of(s.Amount, s.Currency).Amount} {s.Currency}" : "";
        CaseActivity.AddEvent(db, @case, actor, now, "policy_blocked", $"Policy blocked: {policy.Name} ({policy.Code}), {Names.Label(block.Outcome).ToLowerInvariant()}{stake}" + (harm is null ? "" : $"; harm: {harm}") + (note is null ? "" : $". {note}"));
        Auditor.Record(db, actor, now, "case", @case.Id, "policy_blocked", [new FieldChange("policy", null, policy.Code), new FieldChange("outcome", null, Names.Of(block.Outcome))], note);
        await db.SaveChangesAsync(ct);
        return block;
    }

    /// <summary>How a block ended: an exception was granted, or the refusal was upheld (or it was escalated after all).</summary>
    public async Task<PolicyBlock> SetOutcomeAsync(Guid id, PolicyOutcomeRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var outcome = v.Enum<PolicyBlockOutcome>("outcome", request.Outcome, required: true);
        var reason = v.Required("reason", request.Reason, 2000);
        v.ThrowIfInvalid();
        var block = await db.Set<PolicyBlock>().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundProblem($"Policy block {id}");
        if (block.Outcome == outcome)
        {
            return block;
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == block.CaseId, ct);
        var policy = await db.Set<Policy>().FirstAsync(p => p.Id == block.PolicyId, ct);
        var now = clock.GetUtcNow();
        var before = block.Outcome;
        block.Outcome = outcome!.Value;
        block.OutcomeAt = now;
        block.OutcomeReason = reason;
        CaseActivity.AddEvent(db, @case, actor, now, "policy_block_outcome", $"Policy {policy.Code}: {Names.Label(before).ToLowerInvariant()} → {Names.Label(block.Outcome).ToLowerInvariant()} ({reason})");
        Auditor.Record(db, actor, now, "case", @case.Id, "policy_block_outcome", [new FieldChange("outcome", Names.Of(before), Names.Of(block.Outcome))], reason);
        await db.SaveChangesAsync(ct);
        return block;
    }

    private static string? ReadCode(Validator v, string? value)
    {
        var code = v.Required("code", value, 100)?.ToLowerInvariant();
        if (code is not null && !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
        {
            v.Add("code", "Letters, digits, '.', '-' and '_' only, e.g. claims.storefront-required.");
        }

        return code;
    }
}
