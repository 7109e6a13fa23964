namespace Bridgeline.WrapUps;

/// <summary>How strict the wrap-up gate is. One set for everyone, and overrides per team by team name.</summary>
public sealed class WrapUpOptions
{
    public const string Section = "Bridgeline:WrapUps";

    public WrapUpThresholds Default { get; set; } = new();

    /// <summary>Team name → thresholds for that team (a disaster hotline may ask for more than a sales line).</summary>
    public Dictionary<string, WrapUpThresholds> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many of the agent's latest wrap-ups a new one is compared with to catch copies.</summary>
    public int PreviousToCompare { get; set; } = 10;

    public WrapUpThresholds For(string? team) =>
        team is not null && Teams.TryGetValue(team, out var thresholds) ? thresholds : Default;
}

public sealed class WrapUpThresholds
{
    /// <summary>Below this score (0–100) a wrap-up is refused even without a specific fault.</summary>
    public int MinScore { get; set; } = 50;

    /// <summary>Words of substance (not filler, not stop words) a wrap-up needs.</summary>
    public int MinContentWords { get; set; } = 4;

    /// <summary>Contact reason code prefix → words of substance needed ("claims." → 6).</summary>
    public Dictionary<string, int> MinContentWordsByReason { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Share of filler among the meaningful words at which the note counts as filler.</summary>
    public double MaxFillerShare { get; set; } = 0.5;

    public double MaxMashedShare { get; set; } = 0.34;

    /// <summary>Share of distinct words at or below which a word said three times or more counts as repetition.</summary>
    public double MaxRepeatShare { get; set; } = 0.5;

    /// <summary>Similarity (0–1, over word pairs) at which a note counts as a copy of an earlier one or of boilerplate.</summary>
    public double CopySimilarity { get; set; } = 0.8;

    public List<string> Boilerplate { get; set; } =
    [
        "Customer called, issue resolved.",
        "Advised customer accordingly.",
        "Call handled as per process.",
        "Customer query resolved, no further action.",
        "Informed customer of the process.",
        "Customer advised and call closed.",
        "Assisted the customer with their query.",
    ];

    public int MinContentWordsFor(string? reasonCode)
    {
        if (reasonCode is not null)
        {
            foreach (var (prefix, words) in MinContentWordsByReason.OrderByDescending(p => p.Key.Length))
            {
                if (reasonCode.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return words;
                }
            }
        }

        return MinContentWords;
    }
}
