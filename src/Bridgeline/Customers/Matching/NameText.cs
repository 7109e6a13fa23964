using System.Globalization;
using System.Text;

namespace Bridgeline.Customers.Matching;

/// <summary>Names reduced to comparable tokens: lower case, accents folded, punctuation dropped, "Smith, John" read as "John Smith".</summary>
public static class NameText
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal) { "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "jr", "sr", "ii", "iii" };

    /// <summary>Lower case without diacritics ("Zoë" → "zoe").</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The name's tokens in given-name-first order.</summary>
    public static IReadOnlyList<string> Tokens(string name)
    {
        var text = Fold(name.Trim());
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma < text.Length - 1)
        {
            // "Smith, John" → "John Smith"
            text = text[(comma + 1)..] + " " + text[..comma];
        }

        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                current.Append(c);
            }
            else if (c is '\'' or '’')
            {
                // O'Brien → obrien
            }
            else
            {
                Flush(tokens, current);
            }
        }

        Flush(tokens, current);
        return tokens;
    }

    /// <summary>The stored, comparable form of a name: tokens joined by single spaces.</summary>
    public static string Normalize(string name) => string.Join(' ', Tokens(name));

    private static void Flush(List<string> tokens, StringBuilder current)
    {
        if (current.Length > 0)
        {
            var token = current.ToString();
            if (!Titles.Contains(token))
            {
                tokens.Add(token);
            }

            current.Clear();
        }
    }
}
