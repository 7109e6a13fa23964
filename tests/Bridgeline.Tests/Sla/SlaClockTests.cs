using Bridgeline.Sla;
using NodaTime;
using NodaTime.Text;

namespace Bridgeline.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static BusinessCalendar Office(params string[] holidays) =>
        BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0), holidays.Select(h => LocalDatePattern.Iso.Parse(h).Value));

    private static DateTimeOffset Local(string text) =>
        LocalDateTimePattern.GeneralIso.Parse(text).Value.InZoneStrictly(Berlin).ToDateTimeOffset();

    private static string LocalText(DateTimeOffset value) =>
        LocalDateTimePattern.GeneralIso.Format(Instant.FromDateTimeOffset(value).InZone(Berlin).LocalDateTime);

    [Theory]
    [InlineData("2026-05-18T09:00:00", 16 * 60, "2026-05-19T17:00:00")] // two business days from Monday morning
    [InlineData("2026-05-15T16:00:00", 120, "2026-05-18T10:00:00")] // across a weekend
    [InlineData("2026-05-16T11:00:00", 60, "2026-05-18T10:00:00")] // started on a Saturday: counts from Monday's opening
    [InlineData("2026-05-18T07:30:00", 30, "2026-05-18T09:30:00")] // before opening
    [InlineData("2026-05-18T16:59:00", 2, "2026-05-19T09:01:00")] // across the night
    [InlineData("2026-03-27T16:00:00", 120, "2026-03-30T10:00:00")] // across the spring DST change: hours are wall-clock hours
    [InlineData("2026-10-23T16:30:00", 60, "2026-10-26T09:30:00")] // across the autumn DST change
    public void BusinessHoursCalendar_AddsOnlyOpenTime(string start, int minutes, string expected)
    {
        var due = Office().Add(Instant.FromDateTimeOffset(Local(start)), Duration.FromMinutes(minutes));
        Assert.Equal(expected, LocalText(due.ToDateTimeOffset()));
    }

    [Fact]
    public void Holiday_IsSkipped()
    {
        // Ascension Day 2026 is Thursday 14 May.
        var due = Office("2026-05-14").Add(Instant.FromDateTimeOffset(Local("2026-05-13T16:00:00")), Duration.FromHours(2));
        Assert.Equal("2026-05-15T10:00:00", LocalText(due.ToDateTimeOffset()));
    }

    [Fact]
    public void RoundTheClockAcrossSpringForward_CountsRealHoursNotWallClock()
    {
        // Sunday 29 March 2026 has 23 hours in Berlin: 24 elapsed hours end at 13:00 local the next day.
        var due = BusinessCalendar.AlwaysOpen(Berlin).Add(Instant.FromDateTimeOffset(Local("2026-03-28T12:00:00")), Duration.FromHours(24));
        Assert.Equal("2026-03-29T13:00:00", LocalText(due.ToDateTimeOffset()));
    }

    [Theory]
    [InlineData("2026-05-15T16:00:00", "2026-05-18T10:00:00", 120)]
    [InlineData("2026-05-16T08:00:00", "2026-05-17T20:00:00", 0)]
    [InlineData("2026-05-13T16:00:00", "2026-05-15T10:00:00", 120)]
    public void Between_CountsOpenTimeOnly(string from, string to, int expectedMinutes)
    {
        var between = Office("2026-05-14").Between(Instant.FromDateTimeOffset(Local(from)), Instant.FromDateTimeOffset(Local(to)));
        Assert.Equal(expectedMinutes, (int)between.TotalMinutes);
    }

    [Fact]
    public void NewClock_WarnsAt75PercentAndBreachesAtTarget()
    {
        var clock = new SlaClock();
        clock.Start(Office(), Local("2026-05-18T09:00:00"), 16 * 60, 75);

        Assert.Equal("2026-05-19T13:00:00", LocalText(clock.WarnAt!.Value));
        Assert.Equal("2026-05-19T17:00:00", LocalText(clock.BreachAt!.Value));
        Assert.Equal(SlaDueStage.Warn, clock.DueStage);
        Assert.Equal(clock.WarnAt, clock.NextDueAt);

        clock.Advance();
        Assert.Equal(SlaDueStage.Breach, clock.DueStage);
        Assert.Equal(clock.BreachAt, clock.NextDueAt);
        clock.Advance();
        Assert.Equal(SlaDueStage.None, clock.DueStage);
        Assert.Null(clock.NextDueAt);
    }

    [Fact]
    public void PauseAndResume_KeepTheTimeUsedAndMoveTheDeadline()
    {
        var office = Office();
        var clock = new SlaClock();
        clock.Start(office, Local("2026-05-18T09:00:00"), 8 * 60, 75);
        clock.Pause(office, Local("2026-05-18T11:00:00"));

        Assert.Equal(SlaClockState.Paused, clock.State);
        Assert.Null(clock.NextDueAt);
        Assert.Equal(Duration.FromHours(6), clock.Remaining(office, Local("2026-05-20T08:00:00")));

        clock.Resume(office, Local("2026-05-20T09:00:00"));
        Assert.Equal("2026-05-20T13:00:00", LocalText(clock.WarnAt!.Value));
        Assert.Equal("2026-05-20T15:00:00", LocalText(clock.BreachAt!.Value));
    }

    [Fact]
    public void PausedOverAWeekendWithAHoliday_ResumesOnTheNextWorkingDay()
    {
        var office = Office("2026-05-25");
        var clock = new SlaClock();
        clock.Start(office, Local("2026-05-22T15:00:00"), 4 * 60, 75);
        clock.Pause(office, Local("2026-05-22T16:00:00"));
        clock.Resume(office, Local("2026-05-23T10:00:00"));

        // Three hours left; Saturday, Sunday and Whit Monday are closed.
        Assert.Equal("2026-05-26T12:00:00", LocalText(clock.BreachAt!.Value));
    }

    [Fact]
    public void PolicyChangeMidCase_CountsTimeSoFarOnTheOldCalendarAndTheRestOnTheNew()
    {
        var office = Office();
        var allDay = BusinessCalendar.AlwaysOpen(Berlin);
        var clock = new SlaClock();
        clock.Start(office, Local("2026-05-18T09:00:00"), 8 * 60, 75);

        // Raised to urgent at 13:00 (four office hours used): six hours round the clock from now on.
        clock.ChangePolicy(office, allDay, Local("2026-05-18T13:00:00"), 6 * 60, 75);

        Assert.Equal("2026-05-18T15:00:00", LocalText(clock.BreachAt!.Value));
        Assert.Equal("2026-05-18T13:30:00", LocalText(clock.WarnAt!.Value));
    }

    [Fact]
    public void PolicyChangeToATargetAlreadyExceeded_IsDueAtOnce()
    {
        var office = Office();
        var clock = new SlaClock();
        clock.Start(office, Local("2026-05-18T09:00:00"), 8 * 60, 75);
        clock.ChangePolicy(office, office, Local("2026-05-18T13:00:00"), 60, 75);

        Assert.Equal("2026-05-18T13:00:00", LocalText(clock.BreachAt!.Value));
        Assert.True(clock.IsBreached(Local("2026-05-18T13:00:00")));
    }

    [Fact]
    public void StoppedClock_HasNothingDueAndReopenResumesIt()
    {
        var office = Office();
        var clock = new SlaClock();
        clock.Start(office, Local("2026-05-18T09:00:00"), 8 * 60, 75);
        clock.Stop(office, Local("2026-05-18T10:00:00"));
        Assert.Null(clock.NextDueAt);

        clock.Resume(office, Local("2026-05-19T09:00:00"));
        Assert.Equal("2026-05-19T16:00:00", LocalText(clock.BreachAt!.Value));
    }
}
