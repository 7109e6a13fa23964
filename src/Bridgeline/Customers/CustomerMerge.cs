using Bridgeline.Accounts;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Customers.Matching;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Customers;

/// <summary>Merge <c>duplicateId</c> into the customer in the route, who survives. <c>reason</c> is required.</summary>
public sealed record MergeCustomersRequest(Guid? DuplicateId, string? Reason);

public sealed record MergeResult(Guid SurvivorId, Guid MergedId, int CasesMoved, int InteractionsMoved, int AccountsMoved, int EmailsMoved, int PhonesMoved);

/// <summary>
/// Two records of one person become one: every case, interaction, account, verification and contact point of the
/// duplicate moves to the survivor in one transaction; the duplicate keeps its id and points to the survivor.
/// </summary>
public sealed class MergeCustomers(BridgelineDb db, TimeProvider clock)
{
    public async Task<MergeResult> RunAsync(Guid survivorId, MergeCustomersRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required("reason", request.Reason, 2000);
        if (request.DuplicateId is null)
        {
            v.Add("duplicateId", "This field is required: the id of the customer to merge into this one.");
        }

        v.ThrowIfInvalid();
        var duplicateId = request.DuplicateId!.Value;
        if (duplicateId == survivorId)
        {
            throw new ConflictProblem("A customer cannot be merged into itself.");
        }

        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        var survivor = await Load(survivorId, ct);
        var duplicate = await Load(duplicateId, ct);
        if (survivor.MergedIntoId is { } s)
        {
            throw new ConflictProblem($"Customer {survivorId} was merged into {s}; merge into that customer instead.", new Dictionary<string, object?> { ["mergedIntoId"] = s });
        }

        if (duplicate.MergedIntoId is { } d)
        {
            throw new ConflictProblem($"Customer {duplicateId} was already merged into {d}.", new Dictionary<string, object?> { ["mergedIntoId"] = d });
        }

        var now = clock.GetUtcNow();
        var emailsMoved = 0;
        foreach (var email in duplicate.Emails.ToList())
        {
            if (survivor.Emails.Exists(e => e.Normalized == email.Normalized))
            {
                db.CustomerEmails.Remove(email);
            }
            else
            {
                email.CustomerId = survivor.Id;
                emailsMoved++;
            }
        }

        var phonesMoved = 0;
        foreach (var phone in duplicate.Phones.ToList())
        {
            if (survivor.Phones.Exists(p => p.Number == phone.Number))
            {
                db.CustomerPhones.Remove(phone);
            }
            else
            {
                phone.CustomerId = survivor.Id;
                phonesMoved++;
            }
        }

        var cases = await db.Cases.Where(c => c.CustomerId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(c => c.CustomerId, survivorId), ct);
        var interactions = await db.Interactions.Where(i => i.CustomerId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(i => i.CustomerId, survivorId), ct);
        var accounts = await db.Set<Account>().Where(a => a.CustomerId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(a => a.CustomerId, survivorId), ct);
        await db.Set<IdentityVerification>().Where(x => x.CustomerId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Customers.Where(c => c.MergedIntoId == duplicateId).ExecuteUpdateAsync(u => u.SetProperty(c => c.MergedIntoId, survivorId), ct);
        await db.Set<CustomerNameKey>().Where(k => k.CustomerId == duplicateId).ExecuteDeleteAsync(ct);

        duplicate.MergedIntoId = survivorId;
        duplicate.UpdatedAt = now;
        duplicate.Version++;
        survivor.UpdatedAt = now;
        survivor.Version++;

        var summary = $"{cases} cases, {interactions} interactions, {accounts} accounts, {emailsMoved} emails, {phonesMoved} phones";
        Auditor.Record(db, actor, now, "customer", survivorId, "merged", [new FieldChange("mergedFrom", null, $"{duplicate.Name} ({duplicateId}): {summary}")], reason);
        Auditor.Record(db, actor, now, "customer", duplicateId, "merged_into", [new FieldChange("mergedIntoId", null, survivorId.ToString())], reason);
        db.Interactions.Add(new Interaction
        {
            CustomerId = survivorId,
            Kind = InteractionKind.Event,
            EventType = "customers_merged",
            Body = $"Merged duplicate record {duplicate.Name} into this customer: {summary} (reason: {reason})",
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            OccurredAt = now,
            RecordedAt = now,
        });

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictProblem("Someone else changed one of these customers at the same time. Reload and merge again.");
        }

        await transaction.CommitAsync(ct);
        return new MergeResult(survivorId, duplicateId, cases, interactions, accounts, emailsMoved, phonesMoved);
    }

    private async Task<Customer> Load(Guid id, CancellationToken ct) =>
        await db.Customers.Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new NotFoundProblem($"Customer {id}");
}
