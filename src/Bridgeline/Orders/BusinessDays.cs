using NodaTime;

namespace Bridgeline.Orders;

/// <summary>
/// Counts business days (Monday to Friday, minus configured holidays) in one time zone, so that
/// "three business days without an acceptance scan" means the same over a weekend or a holiday.
/// </summary>
public sealed class BusinessDays(DateTimeZone zone, IEnumerable<LocalDate> holidays)
{
    private readonly HashSet<LocalDate> _holidays = [.. holidays];

    public DateTimeZone Zone => zone;

    public bool IsBusinessDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>Business days that have begun after <paramref name="from"/>'s local date, up to and including <paramref name="to"/>'s.</summary>
    public int Between(DateTimeOffset from, DateTimeOffset to)
    {
        var start = LocalDate(from);
        var end = LocalDate(to);
        var count = 0;
        for (var d = start.PlusDays(1); d <= end; d = d.PlusDays(1))
        {
            if (IsBusinessDay(d))
            {
                count++;
            }
        }

        return count;
    }

    public LocalDate LocalDate(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(zone).Date;

    public static BusinessDays From(TrackingOptions options)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) ?? DateTimeZone.Utc;
        var holidays = options.Holidays
            .Select(h => NodaTime.Text.LocalDatePattern.Iso.Parse(h))
            .Where(r => r.Success)
            .Select(r => r.Value);
        return new BusinessDays(zone, holidays);
    }
}
