namespace Bridgeline.Customers.Matching;

/// <summary>
/// Given names and their nicknames, both ways: "bob" finds "robert" and "robert" finds "bob".
/// The data is the Apache-2.0 nicknames list shipped beside this file (nicknames.csv, nicknames.LICENSE.txt).
/// </summary>
public static class Nicknames
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Related = new(Load);

    /// <summary>The names this one is a nickname of, or has as nicknames; empty when it has none.</summary>
    public static IReadOnlySet<string> Of(string name) =>
        Related.Value.TryGetValue(name.ToLowerInvariant(), out var names) ? names : Empty;

    public static bool AreRelated(string a, string b) =>
        Related.Value.TryGetValue(a.ToLowerInvariant(), out var names) && names.Contains(b.ToLowerInvariant());

    private static readonly HashSet<string> Empty = [];

    private static Dictionary<string, HashSet<string>> Load()
    {
        using var stream = typeof(Nicknames).Assembly.GetManifestResourceStream("Bridgeline.Customers.Matching.nicknames.csv")
            ?? throw new InvalidOperationException("The nicknames resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        reader.ReadLine(); // header: name1,relationship,name2
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            if (parts.Length != 3 || parts[1] != "has_nickname")
            {
                continue;
            }

            var name = parts[0].Trim().ToLowerInvariant();
            var nickname = parts[2].Trim().ToLowerInvariant();
            Add(map, name, nickname);
            Add(map, nickname, name);
        }

        return map;
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string from, string to)
    {
        if (!map.TryGetValue(from, out var set))
        {
            map[from] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(to);
    }
}
