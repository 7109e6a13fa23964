using PhoneNumbers;

namespace Bridgeline.Customers;

/// <summary>Stores phones in E.164 when they parse; otherwise keeps what was typed, marked unverified.</summary>
public static class Phones
{
    /// <summary>How many trailing digits the partial-number index keeps: a subscriber number without its area code.</summary>
    public const int SuffixLength = 7;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static CustomerPhone ToCustomerPhone(string typed, string defaultRegion)
    {
        var raw = typed.Trim();
        var e164 = TryE164(raw, defaultRegion);
        var number = e164 ?? raw;
        return new CustomerPhone { Raw = raw, Number = number, IsVerified = e164 is not null, Suffix = Suffix(number) };
    }

    public static string? TryE164(string typed, string defaultRegion)
    {
        var text = typed.Trim();

        // "00 44 20…" and "011 44 20…" are how people dial abroad; read them as "+44 20…".
        if (!text.StartsWith('+'))
        {
            var digits = Digits(text);
            if (digits.StartsWith("00", StringComparison.Ordinal) && digits.Length > 9)
            {
                text = "+" + digits[2..];
            }
            else if (digits.StartsWith("011", StringComparison.Ordinal) && digits.Length > 10 && string.Equals(defaultRegion, "US", StringComparison.OrdinalIgnoreCase))
            {
                text = "+" + digits[3..];
            }
        }

        try
        {
            var number = Util.Parse(text, defaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The last digits of a number, for finding it from a partial number ("867 5309"); empty when too short.</summary>
    public static string Suffix(string number)
    {
        var digits = Digits(number);
        return digits.Length >= SuffixLength ? digits[^SuffixLength..] : "";
    }

    public static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());
}
