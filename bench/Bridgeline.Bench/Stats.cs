using System.Globalization;
using System.Text;

namespace Bridgeline.Bench;

/// <summary>Latency samples in milliseconds, summarised as percentiles.</summary>
public sealed class Samples
{
    private readonly List<double> values = [];
    private readonly Lock gate = new();

    public int Count => values.Count;

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            values.Add(milliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (gate)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }
    }
}

/// <summary>A results table, printed and appended to BENCHMARKS.md with the date, machine and command.</summary>
public sealed class Report(string title, IReadOnlyList<string> headers)
{
    private readonly List<string[]> rows = [];

    public void Row(params object[] cells) => rows.Add(cells.Select(Format).ToArray());

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", headers)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|{string.Join("|", headers.Select(_ => "---"))}|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |");
        }

        return text.ToString();
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(ToMarkdown());
    }

    public static void Append(string path, string heading, string context, IEnumerable<Report> reports)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {heading}").AppendLine().AppendLine(context);
        foreach (var report in reports)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{report.Title}**").AppendLine().Append(report.ToMarkdown());
        }

        File.AppendAllText(path, text.ToString());
        Console.WriteLine($"Appended to {path}.");
    }

    public string Title => title;

    private static string Format(object cell) => cell switch
    {
        double d when double.IsNaN(d) => "—",
        double d => d >= 100 ? d.ToString("N0", CultureInfo.InvariantCulture) : d.ToString("0.0#", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };
}
