using System.Globalization;
using System.Text.Json;

namespace Bridgeline.Accounts;

/// <summary>Money as the API writes it: <c>{"amount":"80.00","currency":"USD"}</c>.</summary>
public sealed record MoneyDto(string Amount, string Currency)
{
    public static MoneyDto Of(decimal amount, string currency) => new(amount.ToString("0.00", CultureInfo.InvariantCulture), currency);
}

/// <summary>Money as the API reads it: the amount as a string ("80.00") or a number.</summary>
public sealed record MoneyInput(JsonElement? Amount, string? Currency);

public sealed record ImportChargeRequest(string? AccountNumber, DateOnly? PostedOn, string? Kind, string? Description, MoneyInput? Amount);

public sealed record ImportAccountRequest(
    Guid? CustomerId,
    string? Number,
    string? Plan,
    string? Status,
    DateOnly? OpenedOn,
    DateOnly? ClosedOn,
    MoneyInput? Balance,
    List<ImportChargeRequest>? Charges);

/// <summary>A correction to an account: only the fields present change; <c>reason</c> is required and audited.</summary>
public sealed record UpdateAccountRequest(string? Plan, string? Status, DateOnly? ClosedOn, string? Reason, string? CaseNumber);

public sealed record ImportResult(int AccountsCreated, int AccountsUpdated, int ChargesAdded, int ChargesFlagged);

public sealed record ChargeDto(Guid Id, DateOnly PostedOn, string Kind, string? Description, MoneyDto Amount, bool AfterClosure, string? Needs, DateTimeOffset? ReversedAt = null);

public sealed record AccountDto(
    Guid Id,
    Guid CustomerId,
    string Number,
    string Plan,
    AccountStatus Status,
    DateOnly OpenedOn,
    DateOnly? ClosedOn,
    MoneyDto Balance,
    IReadOnlyList<ChargeDto> Charges,
    IReadOnlyList<ChargeFlag> Flags)
{
    public static AccountDto From(Account a)
    {
        var charges = a.Charges.OrderByDescending(c => c.PostedOn).ThenByDescending(c => c.RecordedAt).ToList();
        return new AccountDto(
            a.Id,
            a.CustomerId,
            a.Number,
            a.Plan,
            a.Status,
            a.OpenedOn,
            a.ClosedOn,
            MoneyDto.Of(a.Balance, a.Currency),
            charges.Select(c => new ChargeDto(c.Id, c.PostedOn, c.Kind, c.Description, MoneyDto.Of(c.Amount, c.Currency), c.AfterClosure, c.AfterClosure && c.ReversedAt is null ? ChargeFlag.FeeReversal : null, c.ReversedAt)).ToList(),
            charges.Where(c => c.AfterClosure && c.ReversedAt is null).Select(c => ChargeFlag.For(a, c)).ToList());
    }
}

/// <summary>
/// A charge posted to a closed account after its closed date. Reversing it is a resolution action
/// (<c>needs: "fee_reversal"</c> on charge <c>chargeId</c>), governed by the actor's authority limit.
/// </summary>
public sealed record ChargeFlag(
    string Kind,
    Guid AccountId,
    string AccountNumber,
    Guid ChargeId,
    string ChargeKind,
    DateOnly PostedOn,
    DateOnly ClosedOn,
    int DaysAfterClosure,
    MoneyDto Amount,
    string Needs)
{
    public const string ChargeAfterClosure = "charge_after_closure";
    public const string FeeReversal = "fee_reversal";

    public static ChargeFlag For(Account a, Charge c) => new(
        ChargeAfterClosure,
        a.Id,
        a.Number,
        c.Id,
        c.Kind,
        c.PostedOn,
        a.ClosedOn!.Value,
        c.PostedOn.DayNumber - a.ClosedOn.Value.DayNumber,
        MoneyDto.Of(c.Amount, c.Currency),
        FeeReversal);

    public string Describe() =>
        $"Charge after closure: {ChargeKind.Replace('_', ' ')} of {Amount.Amount} {Amount.Currency} posted {PostedOn:yyyy-MM-dd} on account {AccountNumber}, "
        + $"{DaysAfterClosure} days after it closed on {ClosedOn:yyyy-MM-dd}. Needs a fee reversal (charge {ChargeId}).";
}
