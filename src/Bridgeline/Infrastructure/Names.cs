using System.Collections.Concurrent;
using System.Text.Json;

namespace Bridgeline.Infrastructure;

/// <summary>
/// The wire names of enums (snake_case: "pending_customer"), shared by JSON, query strings,
/// validation messages and the UI so that a value is spelled one way everywhere.
/// </summary>
public static class Names
{
    private static readonly ConcurrentDictionary<Type, (string[] Names, Dictionary<string, object> Values)> Cache = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Of<TEnum>()
        where TEnum : struct, Enum => Table<TEnum>().Names;

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        if (Table<TEnum>().Values.TryGetValue(text.Trim().Replace('-', '_').Replace(' ', '_'), out var found))
        {
            value = (TEnum)found;
            return true;
        }

        return false;
    }

    /// <summary>"pending_customer" → "Pending customer", for people.</summary>
    public static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = Of(value).Replace('_', ' ');
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static (string[] Names, Dictionary<string, object> Values) Table<TEnum>()
        where TEnum : struct, Enum => Cache.GetOrAdd(typeof(TEnum), _ =>
        {
            var values = System.Enum.GetValues<TEnum>();
            var names = values.Select(v => Of(v)).ToArray();
            var map = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < values.Length; i++)
            {
                map[names[i]] = values[i];
            }

            return (names, map);
        });
}
