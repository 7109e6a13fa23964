using System.Data.Common;
using System.Text.RegularExpressions;
using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Bridgeline.Bench;

/// <summary>
/// Writes entities of the Bridgeline model straight to their tables, reading table and column names,
/// column types and value conversions from the EF model, so the benchmark follows the schema as it grows.
/// PostgreSQL gets binary COPY; SQLite gets one prepared INSERT per row inside large transactions.
/// </summary>
public sealed partial class RowWriter<T>
    where T : class
{
    private readonly string table;
    private readonly IReadOnlyList<IProperty> columns;

    public RowWriter(BridgelineDb db, bool leaveGeneratedToDatabase = false)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        table = entity.GetTableName()!;
        columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetComputedColumnSql() is null)
            .Where(p => !(leaveGeneratedToDatabase && p.GetDefaultValueSql() is not null))
            .ToList();
    }

    public async Task CopyAsync(NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => Quote(c.GetColumnName())));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {Quote(table)} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        var types = columns.Select(c => Facets().Replace(c.GetColumnType(), "")).ToArray();
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = ProviderValue(columns[i], row);
                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, types[i], ct);
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>A prepared INSERT of one row, for the SQLite bulk path and for the direct-insert baseline.</summary>
    public DbCommand PrepareInsert(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName())))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(columns[i].GetRelationalTypeMapping().CreateParameter(command, "@p" + i, null, nullable: true));
        }

        return command;
    }

    public void Bind(DbCommand command, T row)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var mapping = columns[i].GetRelationalTypeMapping();
            var fresh = mapping.CreateParameter(command, "@p" + i, columns[i].PropertyInfo!.GetValue(row), nullable: true);
            var parameter = command.Parameters[i];
            parameter.Value = fresh.Value;
            parameter.DbType = fresh.DbType;
        }
    }

    private static object? ProviderValue(IProperty property, T row)
    {
        var value = property.PropertyInfo!.GetValue(row);
        var converter = property.GetTypeMapping().Converter;
        return value is null || converter is null ? value : converter.ConvertToProvider(value);
    }

    private static string Quote(string name) => "\"" + name + "\"";

    [GeneratedRegex(@"\(.*\)")]
    private static partial Regex Facets();
}
