using System.Globalization;
using System.Text;
using Bridgeline.Infrastructure;

namespace Bridgeline.Accounts;

/// <summary>Reads the billing system's CSV exports (RFC 4180: a header row, quoted fields with "" for a quote).</summary>
public static class Csv
{
    /// <summary>Each data row as column → value, with its line number; unknown or missing required columns are reported.</summary>
    public static List<(int Line, Dictionary<string, string> Row)> Read(string text, IReadOnlyList<string> columns, Validator v)
    {
        var records = Parse(text);
        var result = new List<(int, Dictionary<string, string>)>();
        if (records.Count == 0)
        {
            v.Add("body", "The CSV is empty; the first row names the columns: " + string.Join(",", columns) + ".");
            return result;
        }

        var header = records[0].Select(h => columns.FirstOrDefault(c => string.Equals(c, h.Trim(), StringComparison.OrdinalIgnoreCase)) ?? h.Trim()).ToList();
        foreach (var unknown in header.Where(h => !columns.Contains(h)))
        {
            v.Add("header", $"Unknown column '{unknown}'. Columns: {string.Join(",", columns)}.");
        }

        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                row[column] = "";
            }

            for (var j = 0; j < Math.Min(header.Count, records[i].Count); j++)
            {
                row[header[j]] = records[i][j].Trim();
            }

            result.Add((i + 1, row));
        }

        return result;
    }

    public static DateOnly? Date(Validator v, int line, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        v.Add($"line {line}.{field}", $"'{text}' is not a date (YYYY-MM-DD).");
        return null;
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
