using System.Security.Claims;
using System.Text.Json;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Accounts;

public static class AccountEndpoints
{
    public static IServiceCollection AddCustomerAccounts(this IServiceCollection services) => services.AddScoped<AccountOperations>();

    public static IEndpointRouteBuilder MapCustomerAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/import", Import).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Import accounts from the billing system: a JSON array (or one object) of {customerId, number, plan, status, openedOn, closedOn, balance:{amount,currency}, charges:[…]}, or text/csv with columns customerId,number,plan,status,openedOn,closedOn,balance,currency. Existing numbers are updated; repeated charges are not added twice. Charges after closure are flagged.");
        accounts.MapPost("/charges/import", ImportCharges).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Import charges: a JSON array (or one object) of {accountNumber, postedOn, kind, description, amount:{amount,currency}}, or text/csv with columns accountNumber,postedOn,kind,amount,currency,description. A charge posted to a closed account after its closed date is flagged on the account, the customer and every open case, needing a fee reversal.");
        accounts.MapGet("/{number}", GetAccount).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("An account with its charges, newest first, and its charges after closure under flags.");
        accounts.MapPatch("/{number}", UpdateAccount).RequireAuthorization(Policies.Staff)
            .WithSummary("Correct an account's plan, status or closedOn. A reason is required; the change is audited, shown on the timeline (and on caseNumber when given), and the customer is sent a notice. " + IdentityChecks.Rule);
        accounts.MapGet("/{number}/audit", AccountAudit).RequireAuthorization(Policies.Staff)
            .WithSummary("Who changed what on the account, when, and why.");

        app.MapGet("/api/customers/{id:guid}/accounts", CustomerAccounts).WithTags("Accounts").RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("The customer's accounts with plan, status, dates, balance, charges and flags.");
        app.MapGet("/api/customers/{id:guid}/flags", CustomerFlags).WithTags("Accounts").RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Charges after closure on any of the customer's accounts, with the amount, the charge id and the action it needs (fee_reversal).");
        app.MapGet("/api/cases/{number}/flags", CaseFlags).WithTags("Cases").RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("While the case is open: the charges after closure on its customer's accounts.");
        return app;
    }

    private static async Task<ImportResult> Import(HttpRequest http, AccountOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var accounts = await ReadBodyAsync<ImportAccountRequest>(http, AccountOperations.ParseAccountsCsv, ct);
        return await operations.ImportAsync(accounts, Actor.From(user), ct);
    }

    private static async Task<ImportResult> ImportCharges(HttpRequest http, AccountOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var charges = await ReadBodyAsync<ImportChargeRequest>(http, AccountOperations.ParseChargesCsv, ct);
        return await operations.ImportChargesAsync(charges, Actor.From(user), ct);
    }

    private static async Task<AccountDto> GetAccount(string number, AccountOperations operations, CancellationToken ct) =>
        AccountDto.From(await operations.LoadAsync(number, ct));

    private static async Task<AccountDto> UpdateAccount(string number, UpdateAccountRequest request, AccountOperations operations, ClaimsPrincipal user, CancellationToken ct) =>
        AccountDto.From(await operations.UpdateAsync(number, request, Actor.From(user), ct));

    private static async Task<List<AuditEntryDto>> AccountAudit(string number, AccountOperations operations, BridgelineDb db, CancellationToken ct) =>
        await AuditQueries.ForEntityAsync(db, "account", (await operations.LoadAsync(number, ct)).Id, ct);

    private static async Task<List<AccountDto>> CustomerAccounts(Guid id, CustomerOperations customers, BridgelineDb db, CancellationToken ct) =>
        await AccountOperations.ForCustomerAsync(db, (await customers.LoadCurrentAsync(id, ct)).Id, ct);

    private static async Task<List<ChargeFlag>> CustomerFlags(Guid id, CustomerOperations customers, BridgelineDb db, CancellationToken ct) =>
        await AccountOperations.FlagsForCustomerAsync(db, (await customers.LoadCurrentAsync(id, ct)).Id, ct);

    private static async Task<List<ChargeFlag>> CaseFlags(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return CaseTransitions.IsOpen(@case.Status) ? await AccountOperations.FlagsForCustomerAsync(db, @case.CustomerId, ct) : [];
    }

    /// <summary>JSON (an array or one object) or CSV, by Content-Type.</summary>
    private static async Task<List<T>> ReadBodyAsync<T>(HttpRequest http, Func<string, (List<T>, Validator)> parseCsv, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body);
        var text = await reader.ReadToEndAsync(ct);
        var contentType = http.ContentType ?? "";
        if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var (rows, problems) = parseCsv(text);
            problems.ThrowIfInvalid();
            return rows;
        }

        var options = http.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var json = JsonSerializer.Deserialize<JsonElement>(text, options);
            return json.ValueKind == JsonValueKind.Array
                ? json.Deserialize<List<T>>(options) ?? []
                : [json.Deserialize<T>(options)!];
        }
        catch (JsonException e)
        {
            throw ValidationFailed.For("body", "Send JSON (an array or one object) or text/csv: " + e.Message);
        }
    }
}
