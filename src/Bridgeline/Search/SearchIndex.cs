using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Bridgeline.Cases;
using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Search;

/// <summary>What to look for: words and "quoted phrases", narrowed by kind, channel, team, agent, reason and time.</summary>
public sealed record SearchQuery(
    string Text,
    string? Kind = null,
    Channel? Channel = null,
    Guid? TeamId = null,
    Guid? AgentId = null,
    string? Reason = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 20);

/// <summary>One match. Snippet is HTML: the text escaped, the matched words in &lt;mark&gt;.</summary>
public sealed record SearchHit(
    string Kind,
    Guid Id,
    string Title,
    string Snippet,
    string? CaseNumber,
    string Url,
    string? Author,
    Channel? Channel,
    DateTimeOffset? OccurredAt,
    double Rank);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Items);

/// <summary>Full-text search over messages, notes, wrap-ups, call records and articles, in the database's own engine.</summary>
public interface ISearchIndex
{
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct);
}

public static partial class SearchKinds
{
    public const string Message = "message";
    public const string Note = "note";
    public const string WrapUp = "wrapup";
    public const string Call = "call";
    public const string Article = "article";

    public static readonly string[] All = [Message, Note, WrapUp, Call, Article];

    /// <summary>
    /// Timeline matches are ranked among the most recent this many: a common word matches millions of
    /// entries, and ranking them all is what makes help-desk search take seconds at scale. Older entries
    /// are reached by narrowing (dates, team, kind, agent).
    /// </summary>
    public const int RecentWindow = 200;

    internal const string MarkStart = "\u27E6";
    internal const string MarkEnd = "\u27E7";

    internal static string KindOf(string kind, string? noteKind) => kind switch
    {
        "Message" => Message,
        "Call" => Call,
        "Note" when noteKind == "Wrapup" => WrapUp,
        "Note" => Note,
        _ => kind.ToLowerInvariant(),
    };

    /// <summary>The engine marks matches with ⟦ ⟧; the rest is escaped so a note's text can never become markup.</summary>
    internal static string Highlight(string? snippet) =>
        WebUtility.HtmlEncode(snippet ?? "").Replace(MarkStart, "<mark>", StringComparison.Ordinal).Replace(MarkEnd, "</mark>", StringComparison.Ordinal);

    /// <summary>Interaction kinds filter as SQL over alias i (values are constants, never user text).</summary>
    internal static string? InteractionFilter(string? kind) => kind switch
    {
        null => null,
        Message => "i.kind = 'Message'",
        Call => "i.kind = 'Call'",
        WrapUp => "i.kind = 'Note' AND i.note_kind = 'Wrapup'",
        Note => "i.kind = 'Note' AND i.note_kind = 'Internal'",
        _ => null,
    };

    /// <summary>
    /// Splits what a person typed into "quoted phrases" and plain words, dropping every operator and stray
    /// quote, so the engine is never handed syntax it cannot parse.
    /// </summary>
    public static IReadOnlyList<string[]> Terms(string text)
    {
        var terms = new List<string[]>();
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts sit between a pair of quotes; an unpaired last quote counts as plain words.
            var quoted = i % 2 == 1 && i < parts.Length - 1;
            var words = WordPattern().Matches(parts[i]).Select(m => m.Value).ToArray();
            if (quoted && words.Length > 0)
            {
                terms.Add(words);
            }
            else
            {
                terms.AddRange(words.Select(w => new[] { w }));
            }
        }

        return terms;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}

internal static class Sql
{
    public static async Task<DbConnection> OpenAsync(BridgelineDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
