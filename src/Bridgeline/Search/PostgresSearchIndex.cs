using Bridgeline.Cases;
using Bridgeline.Data;

namespace Bridgeline.Search;

/// <summary>PostgreSQL full text: generated tsvector columns with GIN indexes (see <see cref="SearchSql"/>), ranked by ts_rank_cd.</summary>
public sealed class PostgresSearchIndex(BridgelineDb db) : ISearchIndex
{
    private const string Headline = $"'StartSel={SearchKinds.MarkStart}, StopSel={SearchKinds.MarkEnd}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"'";

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var text = TsQueryText(query.Text);
        if (text.Length == 0)
        {
            return new SearchResults(query.Text, []);
        }

        var hits = new List<SearchHit>();
        var connection = await Sql.OpenAsync(db, ct);
        if (query.Kind is null or not SearchKinds.Article)
        {
            await using var command = connection.CreateCommand();
            var where = new List<string> { "i.search_vector @@ q.query" };
            if (SearchKinds.InteractionFilter(query.Kind) is { } kind)
            {
                where.Add(kind);
            }

            Sql.Add(command, "q", text);
            Sql.Add(command, "limit", query.Limit);
            if (query.Channel is { } channel)
            {
                where.Add("i.channel = @channel");
                Sql.Add(command, "channel", channel.ToString());
            }

            if (query.TeamId is { } team)
            {
                where.Add("c.team_id = @team");
                Sql.Add(command, "team", team);
            }

            if (query.AgentId is { } agent)
            {
                where.Add("i.author_id = @agent");
                Sql.Add(command, "agent", agent);
            }

            if (query.Reason is { } reason)
            {
                where.Add("c.contact_reason_code = @reason");
                Sql.Add(command, "reason", reason);
            }

            if (query.From is { } from)
            {
                where.Add("i.occurred_at >= @from");
                Sql.Add(command, "from", from.ToUniversalTime());
            }

            if (query.To is { } to)
            {
                where.Add("i.occurred_at < @to");
                Sql.Add(command, "to", to.ToUniversalTime());
            }

            // Matches are taken newest first up to the window (an index walk back in time for a common
            // word, the GIN index for a rare one: the planner picks), ranked within it, and only the page
            // gets a headline, which is the costly part.
            Sql.Add(command, "window", SearchKinds.RecentWindow);
            command.CommandText = $"""
                SELECT m.id, m.kind, m.note_kind, m.channel, m.author_name, m.occurred_at, m.number, m.subject,
                       ts_headline('english', m.body, m.query, {Headline}), m.rank
                FROM (
                    SELECT w.*, ts_rank_cd(w.search_vector, w.query) AS rank
                    FROM (
                        SELECT i.id, i.kind, i.note_kind, i.channel, i.author_name, i.occurred_at, c.number, c.subject,
                               i.body, i.search_vector, q.query
                        FROM interactions i
                        CROSS JOIN websearch_to_tsquery('english', @q) AS q(query)
                        LEFT JOIN cases c ON c.id = i.case_id
                        WHERE {string.Join(" AND ", where)}
                        ORDER BY i.occurred_at DESC
                        LIMIT @window
                    ) w
                    ORDER BY rank DESC, w.occurred_at DESC
                    LIMIT @limit
                ) m
                ORDER BY m.rank DESC, m.occurred_at DESC
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var caseNumber = reader.IsDBNull(6) ? null : Case.FormatNumber(reader.GetInt64(6));
                var id = reader.GetGuid(0);
                hits.Add(new SearchHit(
                    SearchKinds.KindOf(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)),
                    id,
                    reader.IsDBNull(7) ? "Timeline entry" : reader.GetString(7),
                    SearchKinds.Highlight(reader.GetString(8)),
                    caseNumber,
                    caseNumber is null ? "/" : $"/cases/{caseNumber}#i-{id}",
                    reader.GetString(4),
                    reader.IsDBNull(3) ? null : Enum.Parse<Channel>(reader.GetString(3)),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetFloat(9)));
            }
        }

        if (query.Kind is null or SearchKinds.Article && query.Channel is null && query.TeamId is null && query.AgentId is null)
        {
            await using var command = connection.CreateCommand();
            Sql.Add(command, "q", text);
            Sql.Add(command, "limit", query.Limit);
            var reasonFilter = "";
            if (query.Reason is { } reason)
            {
                reasonFilter = " AND @reason = ANY(a.contact_reasons)";
                Sql.Add(command, "reason", reason);
            }

            command.CommandText = $"""
                SELECT a.id, a.slug, a.title, a.updated_by, a.updated_at,
                       ts_headline('english', a.body, q.query, {Headline}), ts_rank_cd(a.search_vector, q.query) AS rank
                FROM articles a CROSS JOIN websearch_to_tsquery('english', @q) AS q(query)
                WHERE a.search_vector @@ q.query{reasonFilter}
                ORDER BY rank DESC
                LIMIT @limit
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                hits.Add(new SearchHit(
                    SearchKinds.Article,
                    reader.GetGuid(0),
                    reader.GetString(2),
                    SearchKinds.Highlight(reader.GetString(5)),
                    null,
                    "/knowledge/" + reader.GetString(1),
                    reader.GetString(3),
                    null,
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFloat(6)));
            }
        }

        return new SearchResults(query.Text, hits.OrderByDescending(h => h.Rank).Take(query.Limit).ToList());
    }

    /// <summary>Rebuilt from plain words and quoted phrases, so websearch_to_tsquery sees no operators (a leading "-" or "or").</summary>
    public static string TsQueryText(string text) =>
        string.Join(" ", SearchKinds.Terms(text).Select(t => t.Length == 1 ? t[0] : "\"" + string.Join(" ", t) + "\""));
}
