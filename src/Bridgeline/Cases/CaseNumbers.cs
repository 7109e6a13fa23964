using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bridgeline.Cases;

/// <summary>
/// Hands out human case numbers. PostgreSQL fills them from a sequence on insert; SQLite, which has
/// none, bumps a counter row (atomic under its single writer) just before the case is saved.
/// </summary>
public static class CaseNumbers
{
    public const long FirstNumber = 10001;
    public const string CounterName = "case_number";
    public const string SequenceName = "case_number_seq";

    public static async Task AssignAsync(BridgelineDb db, Case @case, CancellationToken ct)
    {
        if (db is not SqliteBridgelineDb)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "UPDATE counters SET value = value + 1 WHERE name = 'case_number' RETURNING value";
            @case.Number = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
