using System.Globalization;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bridgeline.Bench;

public static class Databases
{
    /// <summary>
    /// A database per data size on the given server (bridgeline_bench_1000000_5000000), so a generated
    /// floor can be reused across runs with --reuse; without it the database is recreated.
    /// </summary>
    public static async Task<string> PostgresForScaleAsync(string server, int customers, int cases, bool fresh, CancellationToken ct)
    {
        var name = $"bridgeline_bench_{customers}_{cases}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
            var found = await exists.ExecuteScalarAsync(ct) is not null;
            if (found && fresh)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync(ct);
            }

            if (!found || fresh)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 200 }.ToString();
    }

    public static BridgelineDb Open(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var builder = new DbContextOptionsBuilder<PostgresBridgelineDb>();
            DatabaseSetup.ConfigurePostgres(builder, connectionString);
            builder.UseNpgsql(connectionString, o => o.CommandTimeout(3600));
            return new PostgresBridgelineDb(builder.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteBridgelineDb>();
        DatabaseSetup.ConfigureSqlite(sqlite, DatabaseSetup.PrepareSqlite(connectionString));
        return new SqliteBridgelineDb(sqlite.Options);
    }

    public static async Task<string> VersionAsync(BridgelineDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db is PostgresBridgelineDb ? "SHOW server_version" : "SELECT sqlite_version()";
            return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "?";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024;
    }
}
