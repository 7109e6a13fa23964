using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers.Matching;
using Bridgeline.Data;
using Bridgeline.Infrastructure;

namespace Bridgeline.Customers;

/// <summary>Finding customers, merging duplicates, caller ID and identity verification.</summary>
public static class CustomerMatchingEndpoints
{
    public static IServiceCollection AddCustomerMatching(this IServiceCollection services) => services
        .AddScoped<CustomerSearch>()
        .AddScoped<CallerId>()
        .AddScoped<MergeCustomers>()
        .AddScoped<IdentityChecks>()
        .AddScoped<LogIncomingCall>()
        .AddHostedService<SearchKeyBackfill>();

    public static IEndpointRouteBuilder MapCustomerMatchingEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapGet("/search", Search).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Find a customer however they say who they are: a name with typos, nicknames or either order, a phone in any format (or its last seven digits), an email, an account, case or order number, a carrier tracking number (the customer whose order it ships), or several at once. Ranked by score (0–1) with what matched (matchedOn) and which of their numbers (matchedReferences).");
        customers.MapGet("/caller-id", Identify).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Who is calling from this number: status certain (one customer has it), probable (several, or only the last digits match) or unknown.");
        customers.MapPost("/{id:guid}/merge", Merge).RequireAuthorization(Policies.Staff)
            .WithSummary("Merge the customer duplicateId into this one: cases, interactions, accounts and contact points move; audited; the merged id keeps resolving to this customer. 409 when merging a customer into itself, into a merged customer, or one already merged.");

        app.MapPost("/api/calls", LogCall).WithTags("Cases").WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Log a call by the caller's number (CTI). With caseNumber it goes on that case; otherwise the customer is customerId or, by caller ID, the one customer with that number, and a phone case is opened. When the caller is only probably someone (several customers share the number, or only its last digits match) or unknown, nothing is written and 422 names the candidates (\"probably John Smith\").");

        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapPost("/{number}/verifications", Verify).RequireAuthorization(Policies.Staff)
            .WithSummary("Record how the caller was verified (method: account_and_postcode, email_code, sms_code, security_question, in_person, other). " + IdentityChecks.Rule);
        cases.MapGet("/{number}/verifications", Verifications).RequireAuthorization(Policies.Staff)
            .WithSummary("How the caller was verified on this case, newest first.");
        return app;
    }

    private static Task<List<CustomerMatch>> Search(string? q, int? limit, CustomerSearch search, CancellationToken ct) => search.SearchAsync(q, limit, ct);

    private static Task<CallerIdentity> Identify(string? number, CallerId callerId, CancellationToken ct) => callerId.IdentifyAsync(number, ct);

    private static Task<MergeResult> Merge(Guid id, MergeCustomersRequest request, MergeCustomers merge, ClaimsPrincipal user, CancellationToken ct) =>
        merge.RunAsync(id, request, Actor.From(user), ct);

    private static async Task<IResult> LogCall(IncomingCallRequest request, LogIncomingCall operation, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await operation.RunAsync(request, Actor.From(user), ct);
        return TypedResults.Created($"/api/cases/{result.CaseNumber}/timeline", result);
    }

    private static async Task<IResult> Verify(string number, RecordVerificationRequest request, IdentityChecks checks, ClaimsPrincipal user, CancellationToken ct)
    {
        var verification = await checks.RecordAsync(number, request, Actor.From(user), ct);
        return TypedResults.Created($"/api/cases/{verification.CaseNumber}/verifications", verification);
    }

    private static async Task<List<VerificationDto>> Verifications(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await IdentityChecks.ForCaseAsync(db, @case.Id, ct);
    }
}
