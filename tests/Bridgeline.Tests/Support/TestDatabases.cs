using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bridgeline.Tests.Support;

/// <summary>
/// Fresh databases for tests: a SQLite file per app, and on PostgreSQL a database per app cloned
/// from a template that is migrated once per run (cloning takes milliseconds, migrating seconds).
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "BRIDGELINE_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException(
            $"PostgreSQL tests need a server: run ./test.sh, which starts one, or set {PostgresVariable} to a connection string of a server you may create databases on.");

    public static string NewSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bridgeline-tests");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")}";
    }

    public static async Task<string> NewPostgresAsync()
    {
        var template = await EnsureTemplateAsync();
        var name = "bl_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE {template}");
        return WithDatabase(name);
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public static void DeleteSqlite(string connectionString)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A file still held open is cleaned up with the temp folder.
            }
        }
    }

    public static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 40 }.ConnectionString;

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = "bl_template_" + Environment.ProcessId;
            await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name}");
            var options = new DbContextOptionsBuilder<PostgresBridgelineDb>();
            DatabaseSetup.ConfigurePostgres(options, WithDatabase(name));
            await using (var db = new PostgresBridgelineDb(options.Options))
            {
                await db.Database.MigrateAsync();
            }

            // A template must have no open connections while it is cloned.
            NpgsqlConnection.ClearAllPools();
            _template = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
