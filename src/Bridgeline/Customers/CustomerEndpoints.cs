using System.Security.Claims;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Customers;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");

        customers.MapPost("/", CreateCustomer).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Create a customer. Phones are stored in E.164 where they parse, and kept as typed (unverified) where they do not. The 201 lists existing customers who look like this one in `duplicates`.");
        customers.MapGet("/", ListCustomers).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("List customers, newest first, or look one up exactly by email or phone (any format).");
        customers.MapGet("/{id:guid}", GetCustomer).RequireAuthorization(Policies.StaffOrIntegration).WithSummary("A customer. The id of a merged customer resolves to the customer it was merged into.");
        customers.MapPatch("/{id:guid}", UpdateCustomer)
            .WithSummary("Correct a customer's name, emails or phones. A reason is required; the change is audited, shown on the timeline and the customer is sent a notice. " + IdentityChecks.Rule)
            .RequireAuthorization(Policies.Staff);
        customers.MapGet("/{id:guid}/timeline", CustomerTimeline)
            .WithSummary("Everything the customer said and everything done for them, across all cases and channels, newest first, paged by cursor.")
            .RequireAuthorization(Policies.Staff);
        customers.MapGet("/{id:guid}/audit", CustomerAudit).WithSummary("Who changed what on the customer, when, and why.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Created<CustomerDto>> CreateCustomer(CreateCustomerRequest request, CustomerOperations operations, Matching.CustomerSearch search, ClaimsPrincipal user, CancellationToken ct)
    {
        var customer = await operations.CreateAsync(request, Actor.From(user), ct);
        var duplicates = await search.FindDuplicatesAsync(customer, ct);
        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerDto.From(customer) with { Duplicates = duplicates });
    }

    private static async Task<CustomerDto> GetCustomer(Guid id, CustomerOperations operations, CancellationToken ct) =>
        CustomerDto.From(await operations.LoadCurrentAsync(id, ct));

    private static async Task<CustomerDto> UpdateCustomer(Guid id, UpdateCustomerRequest request, CustomerOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        CustomerDto.From(await operations.UpdateAsync(id, request, Actor.From(user), ct));

    private static Task<Page<CustomerSummary>> ListCustomers(string? email, string? phone, string? cursor, int? limit, BridgelineDb db, IOptions<BridgelineOptions> options, CancellationToken ct) =>
        CustomerQueries.ListAsync(db, email, phone, options.Value.DefaultPhoneRegion, cursor, limit, ct);

    private static async Task<Page<TimelineItem>> CustomerTimeline(Guid id, string? cursor, int? limit, BridgelineDb db, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
        {
            throw new NotFoundProblem($"Customer {id}");
        }

        return await Timeline.ForCustomerAsync(db, id, cursor, limit, ct);
    }

    private static Task<List<AuditEntryDto>> CustomerAudit(Guid id, BridgelineDb db, CancellationToken ct) =>
        AuditQueries.ForEntityAsync(db, "customer", id, ct);
}

public static class CustomerQueries
{
    /// <summary>Newest first, keyset-paged; or the exact matches of an email or a phone in any format.</summary>
    public static async Task<Page<CustomerSummary>> ListAsync(BridgelineDb db, string? email, string? phone, string defaultRegion, string? cursor, int? limit, CancellationToken ct)
    {
        var take = Timeline.ClampLimit(limit);
        var query = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = email.Trim().ToLowerInvariant();
            query = query.Where(c => c.Emails.Any(e => e.Normalized == normalized));
        }

        if (!string.IsNullOrWhiteSpace(phone))
        {
            var number = Phones.TryE164(phone, defaultRegion) ?? phone.Trim();
            query = query.Where(c => c.Phones.Any(p => p.Number == number));
        }

        if (Cursor.Decode(cursor) is { } after)
        {
            query = query.Where(c => c.CreatedAt < after.At || (c.CreatedAt == after.At && c.Id.CompareTo(after.Id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(take + 1)
            .Select(c => new CustomerSummary(
                c.Id,
                c.Name,
                c.Emails.Select(e => e.Address).FirstOrDefault(),
                c.Phones.Select(p => p.Number).FirstOrDefault(),
                c.CreatedAt))
            .ToListAsync(ct);
        var next = rows.Count > take ? new Cursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode() : null;
        return new Page<CustomerSummary>(rows.Take(take).ToList(), next);
    }
}
