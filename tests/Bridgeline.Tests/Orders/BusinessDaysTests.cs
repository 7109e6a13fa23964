using Bridgeline.Orders;
using NodaTime;

namespace Bridgeline.Tests.Orders;

public sealed class BusinessDaysTests
{
    private static readonly BusinessDays Calendar = BusinessDays.From(new TrackingOptions
    {
        TimeZone = "America/New_York",
        Holidays = ["2026-11-26", "2026-12-25"],
    });

    // November 2026: the 20th is a Friday, the 26th Thanksgiving (a configured holiday).
    [Theory]
    [InlineData("2026-11-16T15:00:00Z", "2026-11-16T20:00:00Z", 0)] // same day
    [InlineData("2026-11-16T15:00:00Z", "2026-11-17T15:00:00Z", 1)] // Monday → Tuesday
    [InlineData("2026-11-20T15:00:00Z", "2026-11-23T15:00:00Z", 1)] // Friday → Monday, across the weekend
    [InlineData("2026-11-20T15:00:00Z", "2026-11-22T15:00:00Z", 0)] // Friday → Sunday
    [InlineData("2026-11-24T15:00:00Z", "2026-11-27T15:00:00Z", 2)] // Tuesday → Friday, across Thanksgiving
    [InlineData("2026-11-15T15:00:00Z", "2026-11-22T15:00:00Z", 5)] // seven calendar days from a Sunday
    [InlineData("2026-11-21T03:30:00Z", "2026-11-23T14:00:00Z", 1)] // 22:30 Friday in New York is still Friday there
    [InlineData("2026-12-24T15:00:00Z", "2026-12-28T15:00:00Z", 1)] // Christmas Day and the weekend do not count
    public void Between_CountsWeekdaysThatAreNotHolidays(string from, string to, int expected)
    {
        Assert.Equal(expected, Calendar.Between(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2026, 11, 21, false)]
    [InlineData(2026, 11, 26, false)]
    [InlineData(2026, 11, 27, true)]
    public void IsBusinessDay_ExcludesWeekendsAndHolidays(int y, int m, int d, bool expected)
    {
        Assert.Equal(expected, Calendar.IsBusinessDay(new LocalDate(y, m, d)));
    }
}
