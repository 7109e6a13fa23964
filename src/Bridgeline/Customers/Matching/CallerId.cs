using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Customers.Matching;

/// <summary>Who is calling: "certain" when exactly one customer has the number, "probable" when it is ambiguous or only the last digits match.</summary>
public sealed record CallerIdentity(string Number, string Status, CustomerMatch? Customer, IReadOnlyList<CustomerMatch> Candidates)
{
    public string Label => Status switch
    {
        "certain" => Customer!.Name,
        "probable" => "probably " + Customer!.Name,
        _ => "unknown caller",
    };
}

public sealed class CallerId(BridgelineDb db, CustomerSearch search, IOptions<BridgelineOptions> options)
{
    public async Task<CallerIdentity> IdentifyAsync(string? number, CancellationToken ct)
    {
        var typed = number?.Trim() ?? "";
        var e164 = Phones.TryE164(typed, options.Value.DefaultPhoneRegion);
        if (e164 is not null)
        {
            var exact = await db.CustomerPhones.AsNoTracking()
                .Where(p => p.Number == e164)
                .Join(db.Customers.Where(c => c.MergedIntoId == null), p => p.CustomerId, c => c.Id, (p, c) => c.Id)
                .Distinct()
                .Take(10)
                .ToListAsync(ct);
            if (exact.Count > 0)
            {
                var found = (await search.SearchAsync(e164, 10, ct)).Where(m => exact.Contains(m.Id)).ToList();
                return new CallerIdentity(e164, found.Count == 1 ? "certain" : "probable", found[0], found);
            }
        }

        var partial = (await search.SearchAsync(typed, 10, ct)).Where(m => m.MatchedOn.Contains("phone_partial")).ToList();
        return partial.Count > 0
            ? new CallerIdentity(e164 ?? typed, "probable", partial[0], partial)
            : new CallerIdentity(e164 ?? typed, "unknown", null, []);
    }
}
