namespace Bridgeline.Customers;

public sealed record CreateCustomerRequest(string? Name, List<string>? Emails, List<string>? Phones);

/// <summary>A correction: only the fields present change; <c>reason</c> is required and audited.</summary>
public sealed record UpdateCustomerRequest(string? Name, List<string>? Emails, List<string>? Phones, string? Reason);

public sealed record PhoneDto(string Number, string Raw, bool Verified);

public sealed record CustomerDto(
    Guid Id,
    string Name,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    IReadOnlyList<PhoneDto> PhoneDetails,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Guid? MergedIntoId)
{
    /// <summary>On create: existing customers who look like this one (same phone or email, or a very similar name).</summary>
    public IReadOnlyList<Matching.CustomerMatch> Duplicates { get; init; } = [];

    public static CustomerDto From(Customer c) => new(
        c.Id,
        c.Name,
        c.Emails.Select(e => e.Address).ToList(),
        c.Phones.Select(p => p.Number).ToList(),
        c.Phones.Select(p => new PhoneDto(p.Number, p.Raw, p.IsVerified)).ToList(),
        c.CreatedAt,
        c.UpdatedAt,
        c.MergedIntoId);
}

public sealed record CustomerSummary(Guid Id, string Name, string? Email, string? Phone, DateTimeOffset CreatedAt);
