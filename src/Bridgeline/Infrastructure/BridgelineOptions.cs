namespace Bridgeline.Infrastructure;

/// <summary>The "Bridgeline" configuration section.</summary>
public sealed class BridgelineOptions
{
    public const string Section = "Bridgeline";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Seed the stories' demo customers, cases and staff into an empty database.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>Region assumed for phone numbers typed without a country code (ISO 3166 alpha-2).</summary>
    public string DefaultPhoneRegion { get; set; } = "US";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite defaults to a file under ./data.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start. Null means: yes on SQLite, no on PostgreSQL (run the migrate command).</summary>
    public bool? MigrateOnStart { get; set; }
}
