using System.Globalization;
using Bridgeline.Auth;
using Bridgeline.Data;

namespace Bridgeline.Audit;

/// <summary>Adds audit entries to the same unit of work as the change, so a change is never saved without its audit.</summary>
public static class Auditor
{
    public static AuditEntry Record(
        BridgelineDb db,
        Actor actor,
        DateTimeOffset at,
        string entityType,
        Guid entityId,
        string action,
        IEnumerable<FieldChange> changes,
        string? reason = null)
    {
        var entry = new AuditEntry
        {
            At = at,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EntityType = entityType,
            EntityId = entityId.ToString("D", CultureInfo.InvariantCulture),
            Action = action,
            Changes = changes.ToList(),
            Reason = reason,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Adds a change to the list only when the value really changed.</summary>
    public static void Compare(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }
}
