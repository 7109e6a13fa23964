using System.Net.Mail;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Customers.Matching;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Customers;

/// <summary>Creating and correcting customers. Every change is audited in the same transaction.</summary>
public sealed class CustomerOperations(BridgelineDb db, TimeProvider clock, IOptions<BridgelineOptions> options)
{
    private string Region => options.Value.DefaultPhoneRegion;

    public async Task<Customer> CreateAsync(CreateCustomerRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Required("name", request.Name, 200);
        var emails = ReadEmails(v, request.Emails);
        var phones = ReadPhones(v, request.Phones);
        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var customer = new Customer { Name = name!, CreatedAt = now, UpdatedAt = now, Emails = emails, Phones = phones };
        db.Customers.Add(customer);
        await CustomerNameKeys.ReplaceAsync(db, customer, ct);
        Auditor.Record(db, actor, now, "customer", customer.Id, "created", [
            new FieldChange("name", null, customer.Name),
            new FieldChange("emails", null, Join(customer.Emails.Select(e => e.Address))),
            new FieldChange("phones", null, Join(customer.Phones.Select(p => p.Number))),
        ]);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    public async Task<Customer> UpdateAsync(Guid id, UpdateCustomerRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required("reason", request.Reason, 2000);
        var name = request.Name is null ? null : v.Required("name", request.Name, 200);
        var emails = request.Emails is null ? null : ReadEmails(v, request.Emails);
        var phones = request.Phones is null ? null : ReadPhones(v, request.Phones);
        if (request.Name is null && request.Emails is null && request.Phones is null)
        {
            v.Add("body", "Nothing to change: give name, emails or phones.");
        }

        v.ThrowIfInvalid();

        var customer = await LoadAsync(id, ct);
        var now = clock.GetUtcNow();
        var changes = new List<FieldChange>();
        if (name is not null)
        {
            Auditor.Compare(changes, "name", customer.Name, name);
            customer.Name = name;
            await CustomerNameKeys.ReplaceAsync(db, customer, ct);
        }

        if (emails is not null)
        {
            Auditor.Compare(changes, "emails", Join(customer.Emails.Select(e => e.Address)), Join(emails.Select(e => e.Address)));
            db.CustomerEmails.RemoveRange(customer.Emails.Where(e => !emails.Exists(n => n.Normalized == e.Normalized)));
            customer.Emails.RemoveAll(e => !emails.Exists(n => n.Normalized == e.Normalized));
            // Added explicitly: a new row with its id already set would otherwise be taken for an existing one.
            var newEmails = emails.Where(n => !customer.Emails.Exists(e => e.Normalized == n.Normalized)).ToList();
            newEmails.ForEach(e => e.CustomerId = customer.Id);
            db.CustomerEmails.AddRange(newEmails);
        }

        if (phones is not null)
        {
            Auditor.Compare(changes, "phones", Join(customer.Phones.Select(p => p.Number)), Join(phones.Select(p => p.Number)));
            db.CustomerPhones.RemoveRange(customer.Phones.Where(p => !phones.Exists(n => n.Number == p.Number)));
            customer.Phones.RemoveAll(p => !phones.Exists(n => n.Number == p.Number));
            var newPhones = phones.Where(n => !customer.Phones.Exists(p => p.Number == n.Number)).ToList();
            newPhones.ForEach(p => p.CustomerId = customer.Id);
            db.CustomerPhones.AddRange(newPhones);
        }

        if (changes.Count == 0)
        {
            return customer;
        }

        if (changes.Exists(c => c.Field is "emails" or "phones"))
        {
            await IdentityChecks.RequireAsync(db, customer.Id, actor, "emails or phones", ct);
        }

        customer.UpdatedAt = now;
        customer.Version++;
        Auditor.Record(db, actor, now, "customer", customer.Id, "corrected", changes, reason);
        db.Interactions.Add(new Interaction
        {
            CustomerId = customer.Id,
            Kind = InteractionKind.Event,
            EventType = "data_corrected",
            Body = string.Join("; ", changes.Select(c => $"{c.Field}: {c.Before ?? "—"} → {c.After ?? "—"}")) + $" (reason: {reason})",
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            OccurredAt = now,
            RecordedAt = now,
        });
        CorrectionNotice.Queue(db, customer.Id, null, string.Join("; ", changes.Select(c => $"{c.Field} is now {c.After ?? "—"}")), now);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictProblem("Someone else changed this customer at the same time. Reload and apply the correction again.");
        }

        return customer;
    }

    /// <summary>The customer, or the one a merged customer was merged into.</summary>
    public async Task<Customer> LoadCurrentAsync(Guid id, CancellationToken ct)
    {
        var customer = await LoadAsync(id, ct);
        for (var hops = 0; customer.MergedIntoId is { } next && hops < 10; hops++)
        {
            customer = await LoadAsync(next, ct);
        }

        return customer;
    }

    public async Task<Customer> LoadAsync(Guid id, CancellationToken ct)
    {
        var customer = await db.Customers.Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundProblem($"Customer {id}");
        return customer;
    }

    private static List<CustomerEmail> ReadEmails(Validator v, List<string>? emails)
    {
        var result = new List<CustomerEmail>();
        for (var i = 0; i < (emails?.Count ?? 0); i++)
        {
            var text = emails![i]?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > 320 || !MailAddress.TryCreate(text, out var parsed) || !string.Equals(parsed.Address, text, StringComparison.OrdinalIgnoreCase))
            {
                v.Add($"emails[{i}]", $"'{text}' is not an email address.");
                continue;
            }

            var normalized = text.ToLowerInvariant();
            if (!result.Exists(e => e.Normalized == normalized))
            {
                result.Add(new CustomerEmail { Address = text, Normalized = normalized });
            }
        }

        return result;
    }

    private List<CustomerPhone> ReadPhones(Validator v, List<string>? phones)
    {
        var result = new List<CustomerPhone>();
        for (var i = 0; i < (phones?.Count ?? 0); i++)
        {
            var text = phones![i]?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > 60)
            {
                v.Add($"phones[{i}]", "A phone number must be 1 to 60 characters.");
                continue;
            }

            var phone = Phones.ToCustomerPhone(text, Region);
            if (!result.Exists(p => p.Number == phone.Number))
            {
                result.Add(phone);
            }
        }

        return result;
    }

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);
}
