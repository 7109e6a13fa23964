using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bridgeline.Data;

/// <summary>The SQLite flavour of the model; owns the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteBridgelineDb(DbContextOptions<SqliteBridgelineDb> options) : BridgelineDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no timestamp type and cannot order DateTimeOffset text; UTC ticks sort and compare natively.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>The PostgreSQL flavour of the model; owns the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresBridgelineDb(DbContextOptions<PostgresBridgelineDb> options) : BridgelineDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A sequence hands out case numbers without a lock shared by every concurrent intake.
        builder.HasSequence<long>(CaseNumbers.SequenceName).StartsAt(CaseNumbers.FirstNumber);
        builder.Entity<Case>().Property(c => c.Number).HasDefaultValueSql($"nextval('{CaseNumbers.SequenceName}')");
    }
}
