using System.Globalization;

namespace Bridgeline.Infrastructure;

/// <summary>Money on the wire: <c>{ "amount": "80.00", "currency": "USD" }</c>. The amount is a string so no float ever rounds it.</summary>
public sealed record Money(string Amount, string Currency)
{
    public static Money Of(decimal amount, string currency) => new(amount.ToString("0.00", CultureInfo.InvariantCulture), currency);
}

public sealed record MoneyRequest(string? Amount, string? Currency);

public static class Currencies
{
    // Every ISO 4217 code some region uses today, from the platform's own region data.
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
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
        .Where(s => s is { Length: 3 })
        .Select(s => s!)
        .Concat(["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF"])
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Known.Contains(code);

    /// <summary>Reads a non-negative amount with at most two decimals in an ISO 4217 currency; reports problems under <paramref name="field"/>.</summary>
    public static (decimal Amount, string Currency)? Read(Validator v, string field, MoneyRequest? money, bool required)
    {
        if (money is null)
        {
            if (required)
            {
                v.Add(field, "This field is required: {\"amount\":\"80.00\",\"currency\":\"USD\"}.");
            }

            return null;
        }

        var ok = true;
        var currency = money.Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency) || currency.Length != 3 || !IsKnown(currency))
        {
            v.Add(field + ".currency", $"'{money.Currency}' is not an ISO 4217 currency code (USD, EUR, …).");
            ok = false;
        }

        if (!decimal.TryParse(money.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            v.Add(field + ".amount", "Must be a non-negative decimal such as \"80.00\".");
            ok = false;
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            v.Add(field + ".amount", "At most two decimals.");
            ok = false;
        }

        return ok ? (amount, currency!) : null;
    }
}
