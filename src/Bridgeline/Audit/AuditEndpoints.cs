using Bridgeline.Auth;
using Bridgeline.Data;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Audit;

public sealed record AuditEntryDto(Guid Id, DateTimeOffset At, string Actor, string EntityType, string EntityId, string Action, IReadOnlyList<FieldChange> Changes, string? Reason);

public static class AuditQueries
{
    public static Task<List<AuditEntryDto>> ForEntityAsync(BridgelineDb db, string entityType, Guid entityId, CancellationToken ct)
    {
        var id = entityId.ToString("D", System.Globalization.CultureInfo.InvariantCulture);
        return db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == id)
            .OrderByDescending(a => a.At)
            .Take(500)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.ActorName, a.EntityType, a.EntityId, a.Action, a.Changes, a.Reason))
            .ToListAsync(ct);
    }
}
