using NodaTime;

namespace Bridgeline.Sla;

/// <summary>
/// When a team works: a time zone, opening hours per weekday and holidays. SLA targets count only
/// time inside these hours, in the team's own zone, so weekends, holidays and DST shifts fall out.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<IsoDayOfWeek, (LocalTime Open, LocalTime Close)> _hours;
    private readonly HashSet<LocalDate> _holidays;

    public BusinessCalendar(DateTimeZone zone, IReadOnlyDictionary<IsoDayOfWeek, (LocalTime Open, LocalTime Close)> hours, IEnumerable<LocalDate>? holidays = null)
    {
        Zone = zone;
        _hours = new Dictionary<IsoDayOfWeek, (LocalTime, LocalTime)>(hours);
        _holidays = [.. holidays ?? []];
        if (_hours.Count == 0)
        {
            throw new ArgumentException("A calendar needs at least one working day.", nameof(hours));
        }
    }

    public DateTimeZone Zone { get; }

    /// <summary>Round the clock, every day: business time equals elapsed time.</summary>
    public static BusinessCalendar AlwaysOpen(DateTimeZone? zone = null) =>
        new(zone ?? DateTimeZone.Utc, Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (LocalTime.Midnight, LocalTime.Midnight)));

    /// <summary>Monday to Friday between two times, e.g. 09:00–17:00.</summary>
    public static BusinessCalendar Weekdays(DateTimeZone zone, LocalTime open, LocalTime close, IEnumerable<LocalDate>? holidays = null) =>
        new(zone, new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }.ToDictionary(d => d, _ => (open, close)), holidays);

    /// <summary>The instant reached after <paramref name="duration"/> of business time from <paramref name="start"/>.</summary>
    public Instant Add(Instant start, Duration duration)
    {
        if (duration <= Duration.Zero)
        {
            return start;
        }

        var remaining = duration;
        foreach (var (from, to) in OpenIntervalsFrom(start))
        {
            var length = to - from;
            if (length >= remaining)
            {
                return from + remaining;
            }

            remaining -= length;
        }

        throw new InvalidOperationException("The calendar has no business hours ahead.");
    }

    /// <summary>Business time that passes between two instants (zero when <paramref name="end"/> is not after <paramref name="start"/>).</summary>
    public Duration Between(Instant start, Instant end)
    {
        var total = Duration.Zero;
        if (end <= start)
        {
            return total;
        }

        foreach (var (from, to) in OpenIntervalsFrom(start))
        {
            if (from >= end)
            {
                break;
            }

            total += (to < end ? to : end) - from;
        }

        return total;
    }

    public bool IsOpen(Instant at) => OpenIntervalsFrom(at).First().From == at;

    /// <summary>The working intervals from <paramref name="start"/> on, clipped to begin no earlier than it.</summary>
    private IEnumerable<(Instant From, Instant To)> OpenIntervalsFrom(Instant start)
    {
        // Begin a day early: an overnight shift that opened yesterday may still be running.
        var date = start.InZone(Zone).Date.PlusDays(-1);
        var empty = 0;
        while (empty < 3700)
        {
            var interval = IntervalOn(date);
            date = date.PlusDays(1);
            if (interval is not { } i || i.To <= start)
            {
                empty++;
                continue;
            }

            empty = 0;
            yield return (i.From < start ? start : i.From, i.To);
        }
    }

    private (Instant From, Instant To)? IntervalOn(LocalDate date)
    {
        if (_holidays.Contains(date) || !_hours.TryGetValue(date.DayOfWeek, out var hours))
        {
            return null;
        }

        // Lenient mapping: an opening hour skipped by a DST jump starts at the first valid moment.
        var from = Zone.AtLeniently(date + hours.Open).ToInstant();
        var closeDate = hours.Close <= hours.Open ? date.PlusDays(1) : date;
        var to = Zone.AtLeniently(closeDate + hours.Close).ToInstant();
        return to > from ? (from, to) : null;
    }
}
