using Bridgeline.Cases;

namespace Bridgeline.Interactions;

/// <summary>
/// An entry on a customer's timeline: a message, a call, a note or a system event. Every
/// interaction belongs to a customer, and to a case where there is one; the timeline is their union.
/// </summary>
public sealed class Interaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    public Guid? CaseId { get; set; }

    public Case? Case { get; set; }

    public InteractionKind Kind { get; set; }

    public Channel? Channel { get; set; }

    public Direction? Direction { get; set; }

    public NoteKind? NoteKind { get; set; }

    public string? Body { get; set; }

    public Guid? AuthorId { get; set; }

    /// <summary>Who wrote or did it, as shown on the timeline (staff name, customer address, integration).</summary>
    public required string AuthorName { get; set; }

    /// <summary>When it happened (a call's start, a message's send time); the timeline's order.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When Bridgeline recorded it.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    public string? CallFrom { get; set; }

    public string? CallTo { get; set; }

    public DateTimeOffset? CallEndedAt { get; set; }

    public bool? CallDropped { get; set; }

    /// <summary>For system events: "status_changed", "assigned", "data_corrected"…</summary>
    public string? EventType { get; set; }
}

public enum InteractionKind
{
    Message,
    Call,
    Note,
    Event,
}

public enum Direction
{
    Inbound,
    Outbound,
}

public enum NoteKind
{
    Internal,
    Wrapup,
}
