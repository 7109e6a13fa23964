using System.Buffers.Binary;
using System.Buffers.Text;

namespace Bridgeline.Infrastructure;

/// <summary>
/// An opaque keyset cursor: the (time, id) of the last row a page showed. Keyset paging costs the
/// same on page 1 and page 10,000, which offset paging does not at millions of rows.
/// </summary>
public readonly record struct Cursor(DateTimeOffset At, Guid Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[8..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static Cursor? Decode(string? text, string field = "cursor")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[32];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 24)
        {
            throw ValidationFailed.For(field, "Not a cursor this server issued. Pass back the nextCursor of a previous page.");
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw ValidationFailed.For(field, "Not a cursor this server issued.");
        }

        return new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..24]));
    }
}

/// <summary>A page of results and the cursor for the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
