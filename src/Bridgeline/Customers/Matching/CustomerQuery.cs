using System.Text.RegularExpressions;

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
/// "1Z999AA10123456784") is a reference (account, order, case or tracking number); the remaining words are the name.
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

        var tokens = text.Split((char[])[' ', '\t', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries);
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
                references.Add(token.Trim('#', '(', ')', '.').ToUpperInvariant());
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

        // A bare number may as well be an account or order number; the search looks it up as both.
        if (run.Count == 1 && digits.Length >= 3 && !joined.StartsWith('+') && !joined.StartsWith('('))
        {
            references.Add(joined);
        }

        run.Clear();
    }

    [GeneratedRegex(@"^\+?\(?\d[\d\-\.\(\)]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePiece();
}
