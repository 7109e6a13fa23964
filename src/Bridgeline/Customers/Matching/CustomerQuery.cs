using System.Text.RegularExpressions;
using Bridgeline.Orders.Tracking;

namespace Bridgeline.Customers.Matching;

/// <summary>What a caller said to identify themselves, split into the pieces the search looks up.</summary>
public sealed record CustomerQuery(
    IReadOnlyList<string> NameTokens,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> References)
{
    public bool IsEmpty => NameTokens.Count == 0 && Phones.Count == 0 && Emails.Count == 0 && References.Count == 0;
}

/// <summary>
/// Splits "Jon Smyth 555 867 5309" into a name and a phone. Runs of digits and phone punctuation become one
/// phone number; a token with an @ is an email; a token mixing letters and digits ("AC-1001", "BL-10042",
/// "1Z999AA10123456784") is a reference (account, order, case or tracking number), kept as typed because order numbers
/// are stored as the shop wrote them; the remaining words are the name. A tracking number read out in groups
/// ("1Z 999 AA1 01 2345 678 4", "9400 1118 9922 3817 3912 31") is one reference when its check digit says so.
/// </summary>
public static partial class CustomerQueryParser
{
    public static CustomerQuery Parse(string? text)
    {
        var names = new List<string>();
        var phones = new List<string>();
        var emails = new List<string>();
        var references = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CustomerQuery(names, phones, emails, references);
        }

        var tokens = JoinGroupedTrackingNumbers(text.Split((char[])[' ', '\t', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries));
        var phoneRun = new List<string>();
        foreach (var raw in tokens)
        {
            var token = raw.Trim().TrimEnd(',');
            if (token.Length == 0)
            {
                continue;
            }

            if (PhonePiece().IsMatch(token))
            {
                phoneRun.Add(token);
                continue;
            }

            FlushPhone(phoneRun, phones, references);
            if (token.Contains('@', StringComparison.Ordinal))
            {
                emails.Add(token.Trim('<', '>', '(', ')', '.').ToLowerInvariant());
            }
            else if (token.Any(char.IsAsciiDigit))
            {
                references.Add(token.Trim('#', '(', ')', '.'));
            }
            else
            {
                names.Add(raw);
            }
        }

        FlushPhone(phoneRun, phones, references);
        var nameTokens = names.Count == 0 ? [] : NameText.Tokens(string.Join(' ', names));
        return new CustomerQuery(nameTokens, phones, emails, references);
    }

    /// <summary>
    /// Groups mixing letters and digits that together make a carrier tracking number become one token. Groups of
    /// digits only are left to the phone run, which recognises a tracking number there without losing a phone number.
    /// </summary>
    private static List<string> JoinGroupedTrackingNumbers(string[] tokens)
    {
        const int MaxGroups = 8;
        var joined = new List<string>(tokens.Length);
        var i = 0;
        while (i < tokens.Length)
        {
            var taken = 1;
            for (var groups = Math.Min(MaxGroups, tokens.Length - i); groups >= 2; groups--)
            {
                var window = tokens[i..(i + groups)];
                if (!window.Any(t => t.Any(char.IsAsciiLetter)))
                {
                    continue;
                }

                var candidate = TrackingNumbers.Recognise(string.Concat(window));
                if (candidate.IsTrackingNumber)
                {
                    joined.Add(candidate.Normalized);
                    taken = groups;
                    break;
                }
            }

            if (taken == 1)
            {
                joined.Add(tokens[i]);
            }

            i += taken;
        }

        return joined;
    }

    private static void FlushPhone(List<string> run, List<string> phones, List<string> references)
    {
        if (run.Count == 0)
        {
            return;
        }

        var joined = string.Join(' ', run);
        var digits = Phones.Digits(joined);
        if (digits.Length >= Phones.SuffixLength && digits.Length <= 17)
        {
            phones.Add(joined);
        }

        // A bare number may as well be an account, order or tracking number; the search looks it up as each.
        if ((run.Count == 1 && digits.Length >= 3 && !joined.StartsWith('+') && !joined.StartsWith('('))
            || TrackingNumbers.Recognise(joined).IsTrackingNumber)
        {
            references.Add(joined);
        }

        run.Clear();
    }

    [GeneratedRegex(@"^\+?\(?\d[\d\-\.\(\)]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePiece();
}
