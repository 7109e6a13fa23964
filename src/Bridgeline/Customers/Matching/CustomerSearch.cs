using Bridgeline.Accounts;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Orders;
using Bridgeline.Orders.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Customers.Matching;

/// <summary>A customer found by a search, with how sure the match is (0–1) and which pieces of what was said matched.</summary>
public sealed record CustomerMatch(
    Guid Id,
    string Name,
    double Score,
    IReadOnlyList<string> MatchedOn,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<MatchedReference> MatchedReferences);

/// <summary>
/// A number the caller gave that belongs to the customer: kind is account, case, order or tracking; number is as
/// stored; orderNumber names the order an order or tracking number belongs to.
/// </summary>
public sealed record MatchedReference(string Kind, string Number, string? OrderNumber);

/// <summary>
/// Finds the customer however they say who they are. Candidates come only from indexed lookups —
/// phone by E.164 and by last seven digits, email by its normalised form, account, case and order numbers,
/// carrier tracking numbers (the owner of the order it ships), name by token, sound and first letters (<see cref="CustomerNameKey"/>) — and only those few are scored.
/// </summary>
public sealed class CustomerSearch(BridgelineDb db, IOptions<BridgelineOptions> options)
{
    public const double CertainScore = 0.9;
    private const int NameCandidates = 200;
    private const double PartialPhone = 0.7;

    public async Task<List<CustomerMatch>> SearchAsync(string? q, int? limit, CancellationToken ct, Guid? excluding = null)
    {
        var query = CustomerQueryParser.Parse(q);
        if (query.IsEmpty)
        {
            return [];
        }

        var region = options.Value.DefaultPhoneRegion;
        var evidence = new Dictionary<Guid, Evidence>();
        Evidence For(Guid id) => evidence.TryGetValue(id, out var e) ? e : evidence[id] = new Evidence();

        var phones = query.Phones.Select(p => (Typed: p, E164: Phones.TryE164(p, region), Suffix: Phones.Suffix(p))).ToList();
        foreach (var (typed, e164, suffix) in phones)
        {
            if (e164 is not null)
            {
                foreach (var id in await db.CustomerPhones.AsNoTracking().Where(p => p.Number == e164).Select(p => p.CustomerId).Take(50).ToListAsync(ct))
                {
                    For(id).Phones[typed] = 1;
                }
            }

            if (suffix.Length > 0)
            {
                foreach (var id in await db.CustomerPhones.AsNoTracking().Where(p => p.Suffix == suffix).Select(p => p.CustomerId).Take(50).ToListAsync(ct))
                {
                    var e = For(id);
                    e.Phones[typed] = Math.Max(e.Phones.GetValueOrDefault(typed), PartialPhone);
                }
            }
        }

        foreach (var email in query.Emails)
        {
            foreach (var id in await db.CustomerEmails.AsNoTracking().Where(m => m.Normalized == email).Select(m => m.CustomerId).Take(50).ToListAsync(ct))
            {
                For(id).Emails.Add(email);
            }
        }

        foreach (var reference in query.References)
        {
            var accountNumber = reference.ToUpperInvariant();
            foreach (var id in await db.Set<Account>().AsNoTracking().Where(a => a.Number == accountNumber).Select(a => a.CustomerId).Take(10).ToListAsync(ct))
            {
                For(id).References[reference] = new MatchedReference("account", accountNumber, null);
            }

            if (reference.StartsWith(Case.NumberPrefix, StringComparison.OrdinalIgnoreCase) && Case.TryParseNumber(reference, out var caseNumber))
            {
                foreach (var id in await db.Cases.AsNoTracking().Where(c => c.Number == caseNumber).Select(c => c.CustomerId).ToListAsync(ct))
                {
                    For(id).References[reference] = new MatchedReference("case", Case.FormatNumber(caseNumber), null);
                }
            }

            // Order numbers are kept as the shop wrote them, and a caller's number carries no case: try it as
            // typed, in upper and in lower case, each an exact match on the unique index.
            string[] orderNumbers = [reference, accountNumber, reference.ToLowerInvariant()];
            var orders = await db.Set<Order>().AsNoTracking()
                .Where(o => orderNumbers.Contains(o.Number))
                .Join(db.Customers, o => o.CustomerId, c => c.Id, (o, c) => new { Owner = c.MergedIntoId ?? c.Id, o.Number })
                .Take(10)
                .ToListAsync(ct);
            foreach (var order in orders)
            {
                For(order.Owner).References[reference] = new MatchedReference("order", order.Number, order.Number);
            }

            var recognised = TrackingNumbers.Recognise(reference);
            if (recognised.Kind != ReferenceKind.NotAReference)
            {
                var shipments = await db.Set<Shipment>().AsNoTracking()
                    .Where(s => s.TrackingNumber == recognised.Normalized)
                    .Join(db.Customers, s => s.Order!.CustomerId, c => c.Id, (s, c) => new { Owner = c.MergedIntoId ?? c.Id, s.TrackingNumber, OrderNumber = s.Order!.Number })
                    .Take(10)
                    .ToListAsync(ct);
                foreach (var shipment in shipments)
                {
                    For(shipment.Owner).References[reference] = new MatchedReference("tracking", shipment.TrackingNumber, shipment.OrderNumber);
                }
            }
        }

        if (query.NameTokens.Count > 0)
        {
            var keys = CustomerNameKey.KeysOf(query.NameTokens.SelectMany(t => Nicknames.Of(t).Append(t))).ToList();
            var byName = await db.Set<CustomerNameKey>().AsNoTracking()
                .Where(k => keys.Contains(k.Key))
                .GroupBy(k => k.CustomerId)
                .Select(g => new { Id = g.Key, Hits = g.Count() })
                .OrderByDescending(g => g.Hits)
                .Take(NameCandidates)
                .ToListAsync(ct);
            foreach (var hit in byName)
            {
                For(hit.Id);
            }
        }

        if (excluding is { } self)
        {
            evidence.Remove(self);
        }

        var ids = evidence.Keys.ToList();
        var customers = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.MergedIntoId == null)
            .Select(c => new { c.Id, c.Name, Phones = c.Phones.Select(p => p.Number).ToList(), Emails = c.Emails.Select(m => m.Address).ToList() })
            .AsSplitQuery()
            .ToListAsync(ct);

        var matches = new List<CustomerMatch>();
        foreach (var c in customers)
        {
            var e = evidence[c.Id];
            var matchedOn = new List<string>();
            var total = 0.0;
            var pieces = 0;
            if (query.NameTokens.Count > 0)
            {
                var name = NameMatcher.Score(query.NameTokens, NameText.Tokens(c.Name));
                total += name;
                pieces++;
                if (name >= 0.8)
                {
                    matchedOn.Add("name");
                }
            }

            foreach (var (typed, _, _) in phones)
            {
                var phone = e.Phones.GetValueOrDefault(typed);
                var asReference = e.References.ContainsKey(typed) ? 1.0 : 0.0;
                total += Math.Max(phone, asReference);
                pieces++;
                if (phone > 0)
                {
                    matchedOn.Add(phone >= 1 ? "phone" : "phone_partial");
                }
            }

            foreach (var email in query.Emails)
            {
                pieces++;
                if (e.Emails.Contains(email))
                {
                    total += 1;
                    matchedOn.Add("email");
                }
            }

            foreach (var reference in query.References.Where(r => !query.Phones.Contains(r)))
            {
                pieces++;
                if (e.References.TryGetValue(reference, out var found))
                {
                    total += 1;
                    matchedOn.Add(found.Kind);
                }
            }

            foreach (var typed in query.Phones.Where(p => e.References.ContainsKey(p)))
            {
                matchedOn.Add(e.References[typed].Kind);
            }

            var score = pieces == 0 ? 0 : Math.Round(total / pieces, 3);
            if (score >= 0.3)
            {
                matches.Add(new CustomerMatch(c.Id, c.Name, score, matchedOn.Distinct().ToList(), c.Phones, c.Emails, e.References.Values.Distinct().ToList()));
            }
        }

        return matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Id)
            .Take(Math.Clamp(limit ?? 20, 1, 100))
            .ToList();
    }

    /// <summary>Existing customers who look like this one: the same phone or email, or a name scoring as the same person.</summary>
    public async Task<List<CustomerMatch>> FindDuplicatesAsync(Customer customer, CancellationToken ct)
    {
        var found = new Dictionary<Guid, CustomerMatch>();
        void Keep(IEnumerable<CustomerMatch> matches)
        {
            foreach (var m in matches)
            {
                if (!found.TryGetValue(m.Id, out var known) || known.Score < m.Score)
                {
                    found[m.Id] = m;
                }
            }
        }

        Keep((await SearchAsync(customer.Name, 10, ct, customer.Id)).Where(m => m.Score >= CertainScore));
        foreach (var phone in customer.Phones.Where(p => p.IsVerified))
        {
            Keep((await SearchAsync(phone.Number, 10, ct, customer.Id)).Where(m => m.MatchedOn.Contains("phone")));
        }

        foreach (var email in customer.Emails)
        {
            Keep((await SearchAsync(email.Normalized, 10, ct, customer.Id)).Where(m => m.MatchedOn.Contains("email")));
        }

        return found.Values.OrderByDescending(m => m.Score).ThenBy(m => m.Name, StringComparer.Ordinal).Take(10).ToList();
    }

    private sealed class Evidence
    {
        public Dictionary<string, double> Phones { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Emails { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, MatchedReference> References { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Keeps a customer's name keys in step with their name, in the same unit of work.</summary>
public static class CustomerNameKeys
{
    public static async Task ReplaceAsync(BridgelineDb db, Customer customer, CancellationToken ct)
    {
        var wanted = CustomerNameKey.KeysOf(NameText.Tokens(customer.Name)).ToHashSet(StringComparer.Ordinal);
        var existing = db.Entry(customer).State == EntityState.Added
            ? []
            : await db.Set<CustomerNameKey>().Where(k => k.CustomerId == customer.Id).ToListAsync(ct);
        db.Set<CustomerNameKey>().RemoveRange(existing.Where(k => !wanted.Contains(k.Key)));
        foreach (var key in wanted.Where(w => !existing.Exists(k => k.Key == w)))
        {
            db.Set<CustomerNameKey>().Add(new CustomerNameKey { CustomerId = customer.Id, Key = key });
        }
    }
}
