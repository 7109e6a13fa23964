using System.Globalization;
using Bridgeline.Cases;
using Bridgeline.Data;

namespace Bridgeline.Search;

/// <summary>SQLite FTS5 tables kept by triggers (see <see cref="SearchSql"/>), ranked by BM25.</summary>
public sealed class SqliteSearchIndex(BridgelineDb db) : ISearchIndex
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var match = MatchExpression(query.Text);
        if (match.Length == 0)
        {
            return new SearchResults(query.Text, []);
        }

        var hits = new List<SearchHit>();
        var connection = await Sql.OpenAsync(db, ct);
        if (query.Kind is null or not SearchKinds.Article)
        {
            await using var command = connection.CreateCommand();
            var where = new List<string> { "interaction_search MATCH @q" };
            if (SearchKinds.InteractionFilter(query.Kind) is { } kind)
            {
                where.Add(kind);
            }

            Sql.Add(command, "@q", match);
            Sql.Add(command, "@limit", query.Limit);
            if (query.Channel is { } channel)
            {
                where.Add("i.channel = @channel");
                Sql.Add(command, "@channel", channel.ToString());
            }

            if (query.TeamId is { } team)
            {
                where.Add("c.team_id = @team");
                Sql.Add(command, "@team", team.ToString().ToUpperInvariant());
            }

            if (query.AgentId is { } agent)
            {
                where.Add("i.author_id = @agent");
                Sql.Add(command, "@agent", agent.ToString().ToUpperInvariant());
            }

            if (query.Reason is { } reason)
            {
                where.Add("c.contact_reason_code = @reason");
                Sql.Add(command, "@reason", reason);
            }

            if (query.From is { } from)
            {
                where.Add("i.occurred_at >= @from");
                Sql.Add(command, "@from", Stored(from));
            }

            if (query.To is { } to)
            {
                where.Add("i.occurred_at < @to");
                Sql.Add(command, "@to", Stored(to));
            }

            // FTS5 walks its matches newest row first and stops at the window, so a word in half the
            // timeline costs the same as a rare one; ranking happens within the window.
            Sql.Add(command, "@window", SearchKinds.RecentWindow);
            command.CommandText = $"""
                SELECT * FROM (
                    SELECT i.id, i.kind, i.note_kind, i.channel, i.author_name, i.occurred_at, c.number, c.subject,
                           snippet(interaction_search, 0, '{SearchKinds.MarkStart}', '{SearchKinds.MarkEnd}', '…', 24), bm25(interaction_search) AS rank
                    FROM interaction_search
                    JOIN interactions i ON i.id = interaction_search.interaction_id
                    LEFT JOIN cases c ON c.id = i.case_id
                    WHERE {string.Join(" AND ", where)}
                    ORDER BY interaction_search.rowid DESC
                    LIMIT @window
                ) m
                ORDER BY m.rank, m.occurred_at DESC
                LIMIT @limit
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var number = reader.IsDBNull(6) ? (long?)null : reader.GetInt64(6);
                var caseNumber = number is { } n ? Case.FormatNumber(n) : null;
                var id = Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
                hits.Add(new SearchHit(
                    SearchKinds.KindOf(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)),
                    id,
                    reader.IsDBNull(7) ? "Timeline entry" : reader.GetString(7),
                    SearchKinds.Highlight(reader.GetString(8)),
                    caseNumber,
                    caseNumber is null ? "/" : $"/cases/{caseNumber}#i-{id}",
                    reader.GetString(4),
                    reader.IsDBNull(3) ? null : Enum.Parse<Channel>(reader.GetString(3)),
                    new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                    -reader.GetDouble(9)));
            }
        }

        if (query.Kind is null or SearchKinds.Article && query.Channel is null && query.TeamId is null && query.AgentId is null)
        {
            await using var command = connection.CreateCommand();
            Sql.Add(command, "@q", match);
            Sql.Add(command, "@limit", query.Limit);
            var reasonFilter = "";
            if (query.Reason is { } reason)
            {
                reasonFilter = " AND EXISTS (SELECT 1 FROM json_each(a.contact_reasons) WHERE value = @reason)";
                Sql.Add(command, "@reason", reason);
            }

            command.CommandText = $"""
                SELECT a.id, a.slug, a.title, a.updated_by, a.updated_at,
                       snippet(article_search, 1, '{SearchKinds.MarkStart}', '{SearchKinds.MarkEnd}', '…', 24), bm25(article_search, 4.0, 1.0)
                FROM article_search JOIN articles a ON a.id = article_search.article_id
                WHERE article_search MATCH @q{reasonFilter}
                ORDER BY bm25(article_search, 4.0, 1.0)
                LIMIT @limit
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                hits.Add(new SearchHit(
                    SearchKinds.Article,
                    Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                    reader.GetString(2),
                    SearchKinds.Highlight(reader.GetString(5)),
                    null,
                    "/knowledge/" + reader.GetString(1),
                    reader.GetString(3),
                    null,
                    new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                    -reader.GetDouble(6)));
            }
        }

        return new SearchResults(query.Text, hits.OrderByDescending(h => h.Rank).Take(query.Limit).ToList());
    }

    /// <summary>Every term quoted, so FTS5 reads words and phrases and never operators.</summary>
    public static string MatchExpression(string text) =>
        string.Join(" ", SearchKinds.Terms(text).Select(t => "\"" + string.Join(" ", t) + "\""));

    // Times are stored in SQLite as UTC ticks (see SqliteBridgelineDb).
    private static long Stored(DateTimeOffset at) => at.UtcTicks;
}
