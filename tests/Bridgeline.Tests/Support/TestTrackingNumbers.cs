using System.Globalization;
using Bridgeline.Orders.Tracking;

namespace Bridgeline.Tests.Support;

/// <summary>Fresh carrier numbers with correct check digits, so no other test's shipment claims them.</summary>
public static class TestTrackingNumbers
{
    public static string NewUps()
    {
        var body = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "03" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        return "1Z" + body + TrackingNumbers.UpsCheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A 22-digit USPS IMpb number.</summary>
    public static string NewUsps()
    {
        var body = "9400" + string.Concat(Enumerable.Range(0, 17).Select(_ => Random.Shared.Next(10).ToString(CultureInfo.InvariantCulture)));
        return body + TrackingNumbers.Mod10CheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }
}
