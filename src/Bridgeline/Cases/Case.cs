using Bridgeline.Auth;
using Bridgeline.Customers;
using Bridgeline.Teams;

namespace Bridgeline.Cases;

/// <summary>One problem of one customer, with a human number such as BL-10042.</summary>
public sealed class Case
{
    public const string NumberPrefix = "BL-";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public long Number { get; set; }

    public Guid CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public required string Subject { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.New;

    public CasePriority Priority { get; set; } = CasePriority.Normal;

    /// <summary>The channel the case came in on.</summary>
    public Channel Channel { get; set; }

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    public Guid? OwnerId { get; set; }

    public StaffUser? Owner { get; set; }

    public string? ContactReasonCode { get; set; }

    public List<string> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the last interaction happened; the queue sorts on it.</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int Version { get; set; }

    public string DisplayNumber => FormatNumber(Number);

    public static string FormatNumber(long number) => NumberPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Accepts "BL-10042", "bl-10042" or "10042".</summary>
    public static bool TryParseNumber(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = text.Trim();
        if (digits.StartsWith(NumberPrefix, StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[NumberPrefix.Length..];
        }

        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;
    }
}

public enum CaseStatus
{
    New,
    Open,
    PendingCustomer,
    PendingInternal,
    Resolved,
    Closed,
}

public enum CasePriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum Channel
{
    Email,
    Chat,
    Web,
    Phone,
    Social,
}

/// <summary>The allowed moves between statuses. Reopening a resolved or closed case goes back to open.</summary>
public static class CaseTransitions
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.New] = [CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.Open] = [CaseStatus.PendingCustomer, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.PendingCustomer] = [CaseStatus.Open, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.PendingInternal] = [CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Open, CaseStatus.Closed],
        [CaseStatus.Closed] = [CaseStatus.Open],
    };

    public static IReadOnlyList<CaseStatus> From(CaseStatus status) => Allowed[status];

    public static bool IsAllowed(CaseStatus from, CaseStatus to) => Allowed[from].Contains(to);

    public static bool IsOpen(CaseStatus status) => status is not (CaseStatus.Resolved or CaseStatus.Closed);

    /// <summary>
    /// The open statuses, for queries: "status IN (these)" lets an index on (owner or team, status, number)
    /// read just the open rows, where "status not in (resolved, closed)" reads every case the owner ever had.
    /// </summary>
    public static readonly CaseStatus[] OpenStatuses = [CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal];

    /// <summary>
    /// The filter of the partial indexes over open cases. A query reaches them only when it states the same
    /// list as constants (<c>EF.Constant(OpenStatuses).Contains(c.Status)</c>), which both databases match.
    /// </summary>
    public static readonly string OpenStatusesSql =
        "status IN (" + string.Join(", ", OpenStatuses.Select(s => "'" + s + "'")) + ")";
}
