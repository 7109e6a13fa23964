namespace Bridgeline.Cases;

/// <summary>
/// An entry in the configurable taxonomy of why customers get in touch ("order.not-received").
/// Reports group by it, so codes are kept stable and retired rather than deleted.
/// </summary>
public sealed class ContactReason
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool IsActive { get; set; } = true;
}
