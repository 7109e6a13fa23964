using System.Globalization;
using System.Text;

namespace Bridgeline.Orders.Tracking;

public enum Carrier
{
    Usps,
    Ups,
    Fedex,
    DhlExpress,

    /// <summary>A national post other than USPS, known by the S10 number's country code.</summary>
    Post,
    Unknown,
}

public enum ReferenceKind
{
    /// <summary>A carrier's tracking number: the format matched and its check digit is right.</summary>
    TrackingNumber,

    /// <summary>Looks like a reference (letters and digits, plausible length) but matches no known carrier format, or fails a check digit.</summary>
    UnrecognisedReference,

    /// <summary>Not a reference at all: empty, too short, too long, or punctuation only.</summary>
    NotAReference,
}

/// <summary>What a string turned out to be. <c>Note</c> says why when it is not a tracking number.</summary>
public sealed record RecognisedReference(
    string Input,
    string Normalized,
    ReferenceKind Kind,
    Carrier Carrier,
    string? Format,
    string? Note)
{
    public bool IsTrackingNumber => Kind == ReferenceKind.TrackingNumber;
}

/// <summary>
/// Tells whether a reference an upstream system supplies ("shipping number", "reference", …) is a
/// carrier tracking number, which carrier and which format, by the formats' own check digits.
/// Anything plausible that does not match is kept as an unrecognised reference, never thrown away.
/// </summary>
public static class TrackingNumbers
{
    public const int MinReferenceLength = 6;
    public const int MaxReferenceLength = 40;

    public static RecognisedReference Recognise(string? input)
    {
        var raw = input ?? "";
        var n = Normalize(raw);
        if (n.Length < MinReferenceLength || n.Length > MaxReferenceLength || !n.Any(char.IsAsciiDigit) || !n.All(char.IsAsciiLetterOrDigit))
        {
            return new(raw, n, ReferenceKind.NotAReference, Carrier.Unknown, null,
                $"A reference has {MinReferenceLength} to {MaxReferenceLength} letters and digits, at least one a digit.");
        }

        var failed = new List<string>();
        var found = TryUps(n, failed) ?? TryS10(n, failed) ?? TryDigits(n, failed);
        if (found is { } f)
        {
            return new(raw, n, ReferenceKind.TrackingNumber, f.Carrier, f.Format, null);
        }

        return new(raw, n, ReferenceKind.UnrecognisedReference, Carrier.Unknown, null,
            failed.Count == 0 ? "No known carrier format." : $"Has the shape of {string.Join(" or ", failed)} but the check digit is wrong.");
    }

    /// <summary>Upper case without spaces, dashes or dots, the way carriers print numbers in groups.</summary>
    public static string Normalize(string input)
    {
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '.' or '\t')
            {
                continue;
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }

    private static (Carrier Carrier, string Format)? TryUps(string n, List<string> failed)
    {
        if (n.Length != 18 || !n.StartsWith("1Z", StringComparison.Ordinal))
        {
            return null;
        }

        if (UpsCheckDigit(n.AsSpan(2, 15)) == n[17] - '0')
        {
            return (Carrier.Ups, "UPS 1Z");
        }

        failed.Add("UPS 1Z");
        return null;
    }

    private static (Carrier Carrier, string Format)? TryS10(string n, List<string> failed)
    {
        if (n.Length != 13 || !char.IsAsciiLetter(n[0]) || !char.IsAsciiLetter(n[1]) || !char.IsAsciiLetter(n[11]) || !char.IsAsciiLetter(n[12])
            || n.AsSpan(2, 9).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        if (S10CheckDigit(n.AsSpan(2, 8)) != n[10] - '0')
        {
            failed.Add("a UPU S10 number");
            return null;
        }

        var country = n[11..];
        return string.Equals(country, "US", StringComparison.Ordinal)
            ? (Carrier.Usps, "S10 international")
            : (Carrier.Post, "S10 international (" + country + ")");
    }

    private static (Carrier Carrier, string Format)? TryDigits(string n, List<string> failed)
    {
        if (n.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        switch (n.Length)
        {
            case 10:
                if (DhlCheckDigit(n.AsSpan(0, 9)) == n[9] - '0')
                {
                    return (Carrier.DhlExpress, "DHL Express waybill");
                }

                failed.Add("a DHL Express waybill");
                return null;

            case 12:
                if (FedexExpressCheckDigit(n.AsSpan(0, 11)) == n[11] - '0')
                {
                    return (Carrier.Fedex, "FedEx Express (12)");
                }

                failed.Add("FedEx Express (12)");
                return null;

            case 15:
                if (Mod10CheckDigit(n.AsSpan(0, 14)) == n[14] - '0')
                {
                    return (Carrier.Fedex, "FedEx Ground (15)");
                }

                failed.Add("FedEx Ground (15)");
                return null;

            case 20:
                // Three 20-digit forms share the length; their check digits cannot agree, because
                // the implied prefix (none, "91" or "92") shifts the sum by a non-multiple of ten.
                if (Mod10CheckDigit(n.AsSpan(0, 19)) == n[19] - '0')
                {
                    return (Carrier.Usps, "USPS IMpb (20)");
                }

                if (Mod10CheckDigit("91" + n[..19]) == n[19] - '0')
                {
                    return (Carrier.Usps, "USPS (20, service prefix 91 implied)");
                }

                if (Mod10CheckDigit("92" + n[..19]) == n[19] - '0')
                {
                    return (Carrier.Fedex, "FedEx SmartPost (20)");
                }

                failed.Add("USPS IMpb (20) or FedEx SmartPost (20)");
                return null;

            case 22 when n.StartsWith("96", StringComparison.Ordinal):
                if (Mod10CheckDigit(n.AsSpan(7, 14)) == n[21] - '0')
                {
                    return (Carrier.Fedex, "FedEx Ground 96 (22)");
                }

                failed.Add("FedEx Ground 96 (22)");
                return null;

            case 21 or 22:
                if (Mod10CheckDigit(n.AsSpan(0, n.Length - 1)) == n[^1] - '0')
                {
                    return (Carrier.Usps, $"USPS IMpb ({n.Length})");
                }

                failed.Add($"USPS IMpb ({n.Length})");
                return null;

            case 30 or 34 when n.StartsWith("420", StringComparison.Ordinal):
                // The barcode form: "420" + the destination ZIP (5 or 9 digits) ahead of the 22-digit number.
                var inner = n[(n.Length - 22)..];
                if (Mod10CheckDigit(inner.AsSpan(0, 21)) == inner[21] - '0')
                {
                    return (Carrier.Usps, $"USPS IMpb with ZIP routing ({n.Length})");
                }

                failed.Add("USPS IMpb with ZIP routing");
                return null;

            default:
                return null;
        }
    }

    /// <summary>Mod 10 with weights 3, 1, 3, … from the rightmost digit (USPS IMpb, GS1, FedEx Ground).</summary>
    public static int Mod10CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>UPS: letters count as (code − 63) mod 10, every second character doubled, mod 10.</summary>
    public static int UpsCheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            var v = char.IsAsciiDigit(c) ? c - '0' : (c - 63) % 10;
            sum += i % 2 == 1 ? 2 * v : v;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>UPU S10: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11); 10 becomes 0 and 11 becomes 5.</summary>
    public static int S10CheckDigit(ReadOnlySpan<char> eightDigits)
    {
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (eightDigits[i] - '0') * weights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 0,
            11 => 5,
            var c => c,
        };
    }

    /// <summary>FedEx Express 12-digit: weights 3 1 7 repeating from the left, sum mod 11 mod 10.</summary>
    public static int FedexExpressCheckDigit(ReadOnlySpan<char> elevenDigits)
    {
        ReadOnlySpan<int> weights = [3, 1, 7];
        var sum = 0;
        for (var i = 0; i < elevenDigits.Length; i++)
        {
            sum += (elevenDigits[i] - '0') * weights[i % 3];
        }

        return sum % 11 % 10;
    }

    /// <summary>DHL Express: the first nine digits as a number, mod 7.</summary>
    public static int DhlCheckDigit(ReadOnlySpan<char> nineDigits) =>
        (int)(long.Parse(nineDigits, NumberStyles.None, CultureInfo.InvariantCulture) % 7);
}
