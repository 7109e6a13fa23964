namespace Bridgeline.Infrastructure;

/// <summary>The remembered outcome of a creating POST sent with an Idempotency-Key.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller's identity and its key: keys of different callers never collide.</summary>
    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A named counter (SQLite's stand-in for a sequence).</summary>
public sealed class Counter
{
    public required string Name { get; set; }

    public long Value { get; set; }
}
