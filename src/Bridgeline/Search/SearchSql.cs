namespace Bridgeline.Search;

/// <summary>
/// The search index each database keeps beside the tables, which EF Core cannot model. The AddKnowledge
/// migration applies these with migrationBuilder.Sql; a regenerated migration needs the one call re-added.
/// </summary>
public static class SearchSql
{
    public const string SqliteUp = """
        CREATE VIRTUAL TABLE interaction_search USING fts5(body, interaction_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO interaction_search(body, interaction_id) SELECT body, id FROM interactions WHERE body IS NOT NULL;
        CREATE TRIGGER interaction_search_insert AFTER INSERT ON interactions WHEN new.body IS NOT NULL BEGIN
            INSERT INTO interaction_search(body, interaction_id) VALUES (new.body, new.id);
        END;
        CREATE TRIGGER interaction_search_update AFTER UPDATE OF body ON interactions BEGIN
            DELETE FROM interaction_search WHERE interaction_id = old.id;
            INSERT INTO interaction_search(body, interaction_id) SELECT new.body, new.id WHERE new.body IS NOT NULL;
        END;
        CREATE TRIGGER interaction_search_delete AFTER DELETE ON interactions BEGIN
            DELETE FROM interaction_search WHERE interaction_id = old.id;
        END;

        CREATE VIRTUAL TABLE article_search USING fts5(title, body, article_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
            INSERT INTO article_search(title, body, article_id) VALUES (new.title, new.body || char(10) || coalesce(new.customer_reply, ''), new.id);
        END;
        CREATE TRIGGER article_search_update AFTER UPDATE OF title, body, customer_reply ON articles BEGIN
            DELETE FROM article_search WHERE article_id = old.id;
            INSERT INTO article_search(title, body, article_id) VALUES (new.title, new.body || char(10) || coalesce(new.customer_reply, ''), new.id);
        END;
        CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_search WHERE article_id = old.id;
        END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS interaction_search_insert;
        DROP TRIGGER IF EXISTS interaction_search_update;
        DROP TRIGGER IF EXISTS interaction_search_delete;
        DROP TABLE IF EXISTS interaction_search;
        DROP TRIGGER IF EXISTS article_search_insert;
        DROP TRIGGER IF EXISTS article_search_update;
        DROP TRIGGER IF EXISTS article_search_delete;
        DROP TABLE IF EXISTS article_search;
        """;

    // A stored generated column is written in the same statement as the row, so a write is searchable
    // as soon as it commits; GIN's pending list keeps the insert cost small.
    public const string PostgresUp = """
        ALTER TABLE interactions ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('english', coalesce(body, ''))) STORED;
        CREATE INDEX ix_interactions_search_vector ON interactions USING GIN (search_vector);
        ALTER TABLE articles ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A')
                || setweight(to_tsvector('english', coalesce(body, '') || ' ' || coalesce(customer_reply, '')), 'B')) STORED;
        CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector);
        """;

    public const string PostgresDown = """
        DROP INDEX IF EXISTS ix_articles_search_vector;
        ALTER TABLE articles DROP COLUMN IF EXISTS search_vector;
        DROP INDEX IF EXISTS ix_interactions_search_vector;
        ALTER TABLE interactions DROP COLUMN IF EXISTS search_vector;
        """;
}
