using PhoneNumbers;

namespace Bridgeline.Customers;

/// <summary>Stores phones in E.164 when they parse; otherwise keeps what was typed, marked unverified.</summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static CustomerPhone ToCustomerPhone(string typed, string defaultRegion)
    {
        var raw = typed.Trim();
        var e164 = TryE164(raw, defaultRegion);
        return new CustomerPhone { Raw = raw, Number = e164 ?? raw, IsVerified = e164 is not null };
    }

    public static string? TryE164(string typed, string defaultRegion)
    {
        try
        {
            var number = Util.Parse(typed, defaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
