namespace Bridgeline.Customers;

/// <summary>A person who contacts the company. Phones are kept in E.164 where they parse.</summary>
public sealed class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public List<CustomerEmail> Emails { get; set; } = [];

    public List<CustomerPhone> Phones { get; set; } = [];

    /// <summary>Set when this record was merged into another; its id keeps resolving to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two agents editing one customer never silently overwrite each other.</summary>
    public int Version { get; set; }
}

public sealed class CustomerEmail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    /// <summary>As given, for display and for replies.</summary>
    public required string Address { get; set; }

    /// <summary>Lower-cased, trimmed: the lookup key.</summary>
    public required string Normalized { get; set; }
}

public sealed class CustomerPhone
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    /// <summary>E.164 ("+15558675309") when the number parses; otherwise the digits as typed.</summary>
    public required string Number { get; set; }

    /// <summary>What was typed, kept so nothing the customer said is lost.</summary>
    public required string Raw { get; set; }

    /// <summary>False when the number could not be parsed as a phone number of any region.</summary>
    public bool IsVerified { get; set; }

    /// <summary>The last seven digits, indexed so a partial number ("867 5309") finds the customer.</summary>
    public string Suffix { get; set; } = "";
}
