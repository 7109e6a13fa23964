using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;

namespace Bridgeline.Cases;

/// <summary>What a case does when something happens on it: status moves, the timeline events and audit that record them.</summary>
public static class CaseActivity
{
    public static void OnMessage(BridgelineDb db, Case @case, Interaction message, Actor actor, DateTimeOffset now)
    {
        @case.LastActivityAt = message.OccurredAt > @case.LastActivityAt ? message.OccurredAt : @case.LastActivityAt;
        @case.UpdatedAt = now;

        // The customer answered or wrote back: the case is theirs to be answered again.
        if (message.Direction == Direction.Inbound && @case.Status is CaseStatus.PendingCustomer or CaseStatus.Resolved or CaseStatus.Closed)
        {
            ChangeStatus(db, @case, CaseStatus.Open, Actor.System, now, "The customer wrote again.");
        }
        else if (message.Direction == Direction.Outbound && @case.Status == CaseStatus.New && actor.IsStaff)
        {
            ChangeStatus(db, @case, CaseStatus.Open, actor, now, null);
        }
    }

    /// <summary>Moves the case, refusing moves that are not allowed with the list of those that are.</summary>
    public static void ChangeStatus(BridgelineDb db, Case @case, CaseStatus to, Actor actor, DateTimeOffset now, string? reason)
    {
        var from = @case.Status;
        if (from == to)
        {
            return;
        }

        if (!CaseTransitions.IsAllowed(from, to))
        {
            var allowed = CaseTransitions.From(from).Select(Names.Of).ToList();
            throw new ConflictProblem(
                $"A {Names.Of(from)} case cannot move to {Names.Of(to)}. Allowed: {string.Join(", ", allowed)}.",
                new Dictionary<string, object?> { ["currentStatus"] = Names.Of(from), ["allowed"] = allowed });
        }

        @case.Status = to;
        @case.UpdatedAt = now;
        @case.Version++;
        if (to == CaseStatus.Resolved)
        {
            @case.ResolvedAt = now;
        }
        else if (to == CaseStatus.Closed)
        {
            @case.ClosedAt = now;
        }
        else if (from is CaseStatus.Resolved or CaseStatus.Closed)
        {
            @case.ResolvedAt = null;
            @case.ClosedAt = null;
        }

        Auditor.Record(db, actor, now, "case", @case.Id, "status_changed", [new FieldChange("status", Names.Of(from), Names.Of(to))], reason);
        AddEvent(db, @case, actor, now, "status_changed", $"Status {Names.Label(from)} → {Names.Label(to)}" + (reason is null ? "" : $" ({reason})"));
    }

    public static void AddEvent(BridgelineDb db, Case @case, Actor actor, DateTimeOffset now, string eventType, string body) =>
        db.Interactions.Add(new Interaction
        {
            CustomerId = @case.CustomerId,
            CaseId = @case.Id,
            Kind = InteractionKind.Event,
            EventType = eventType,
            Body = body,
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            OccurredAt = now,
            RecordedAt = now,
        });
}
