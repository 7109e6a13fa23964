namespace Bridgeline.Customers.Matching;

/// <summary>
/// How well a name someone said matches a stored name, from 0 to 1. Tolerates typos and transposed
/// letters (Jaro-Winkler), sound-alike spellings (phonetic key), nicknames both ways, and either name order.
/// </summary>
public static class NameMatcher
{
    public const double Nickname = 0.95;
    public const double SoundsAlike = 0.9;

    public static double Score(string said, string stored) => Score(NameText.Tokens(said), NameText.Tokens(stored));

    public static double Score(IReadOnlyList<string> said, IReadOnlyList<string> stored)
    {
        if (said.Count == 0 || stored.Count == 0)
        {
            return 0;
        }

        // Each token said is paired with its best stored token, each stored token used once,
        // so "John John" does not match "John Smith" twice and order does not matter.
        var used = new bool[stored.Count];
        var total = 0.0;
        foreach (var token in said.OrderByDescending(t => t.Length))
        {
            var best = 0.0;
            var bestIndex = -1;
            for (var j = 0; j < stored.Count; j++)
            {
                if (used[j])
                {
                    continue;
                }

                var score = TokenScore(token, stored[j]);
                if (score > best)
                {
                    best = score;
                    bestIndex = j;
                }
            }

            if (bestIndex >= 0)
            {
                used[bestIndex] = true;
            }

            total += best;
        }

        var saidCoverage = total / said.Count;

        // A stored name with more parts than were said ("John Paul Smith" for "John Smith") loses a little.
        var storedCoverage = total / Math.Max(said.Count, stored.Count);
        return Math.Round((0.85 * saidCoverage) + (0.15 * storedCoverage), 4);
    }

    public static double TokenScore(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }

        if (a.Length == 1 || b.Length == 1)
        {
            // An initial matches the name it starts.
            return a[0] == b[0] ? 0.85 : 0;
        }

        var score = JaroWinkler(a, b);
        if (Nicknames.AreRelated(a, b))
        {
            score = Math.Max(score, Nickname);
        }

        if (score < SoundsAlike && PhoneticKey.Of(a) is { Length: > 0 } key && key == PhoneticKey.Of(b))
        {
            score = SoundsAlike;
        }

        return score;
    }

    /// <summary>Jaro-Winkler similarity: transpositions count half, a shared prefix of up to four letters counts extra.</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }
}
