using System.Data.Common;
using Bridgeline.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bridgeline.Data;

public static class DatabaseSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=data/bridgeline.db";

    /// <summary>
    /// Registers both providers' contexts and resolves <see cref="BridgelineDb"/> to the configured one.
    /// Options are read when the first context is created, so configuration from any source applies.
    /// </summary>
    public static IServiceCollection AddBridgelineDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<PostgresBridgelineDb>((sp, o) => ConfigurePostgres(o, Options(sp).ConnectionString
            ?? throw new InvalidOperationException("Bridgeline:Database:ConnectionString is required when the provider is Postgres.")));
        services.AddDbContextPool<SqliteBridgelineDb>((sp, o) => ConfigureSqlite(o, PrepareSqlite(Options(sp).ConnectionString ?? DefaultSqliteConnectionString)));
        services.AddScoped<BridgelineDb>(sp => Options(sp).Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresBridgelineDb>()
            : sp.GetRequiredService<SqliteBridgelineDb>());
        return services;
    }

    private static DatabaseOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BridgelineOptions>>().Value.Database;

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention();

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(SqlitePragmas.Instance);

    /// <summary>Creates the data folder and sets a busy timeout, so writers queue instead of failing with "database is locked".</summary>
    public static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    public static bool ShouldMigrateOnStart(DatabaseOptions options) =>
        options.MigrateOnStart ?? options.Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// WAL lets readers work while one writer writes; NORMAL sync is safe with WAL and much faster.
    /// Set on every connection because only journal_mode persists in the file.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>Lets `dotnet ef migrations add … --context SqliteBridgelineDb` build the model without the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBridgelineDb>
{
    public SqliteBridgelineDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteBridgelineDb>();
        DatabaseSetup.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqliteBridgelineDb(builder.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBridgelineDb>
{
    public PostgresBridgelineDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresBridgelineDb>();
        DatabaseSetup.ConfigurePostgres(builder, "Host=127.0.0.1;Database=bridgeline_design");
        return new PostgresBridgelineDb(builder.Options);
    }
}
