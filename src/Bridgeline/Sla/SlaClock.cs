using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Bridgeline.Sla;

/// <summary>
/// One SLA clock of one case (first response, next response or resolution). The arithmetic lives here and
/// takes the calendar as an argument, so it is tested without a database; the due instants are stored
/// columns so the worker finds what is due with an index, never by scanning open cases.
/// </summary>
public sealed class SlaClock
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public SlaClockKind Kind { get; set; }

    public Guid? PolicyId { get; set; }

    /// <summary>The target in business minutes.</summary>
    public int TargetMinutes { get; set; }

    /// <summary>The share of the target at which the owner is warned (75 = at 75%).</summary>
    public int WarnPercent { get; set; } = 75;

    public SlaClockState State { get; set; } = SlaClockState.Idle;

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Since when the clock runs; null while paused, stopped or idle.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>Business seconds consumed before <see cref="RunningSince"/>.</summary>
    public long ElapsedSeconds { get; set; }

    public DateTimeOffset? WarnAt { get; set; }

    public DateTimeOffset? BreachAt { get; set; }

    public DateTimeOffset? WarnedAt { get; set; }

    public DateTimeOffset? BreachedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>When the worker must act next (warn or breach); null when nothing is due. Indexed.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public SlaDueStage DueStage { get; set; } = SlaDueStage.None;

    public Duration Target => Duration.FromMinutes(TargetMinutes);

    /// <summary>Business time consumed by <paramref name="at"/>.</summary>
    public Duration Elapsed(BusinessCalendar calendar, DateTimeOffset at) =>
        Duration.FromSeconds(ElapsedSeconds) + (RunningSince is { } since ? calendar.Between(I(since), I(at)) : Duration.Zero);

    public Duration Remaining(BusinessCalendar calendar, DateTimeOffset at) => Target - Elapsed(calendar, at);

    public void Start(BusinessCalendar calendar, DateTimeOffset at, int targetMinutes, int warnPercent)
    {
        TargetMinutes = targetMinutes;
        WarnPercent = warnPercent;
        StartedAt = at;
        ElapsedSeconds = 0;
        WarnedAt = null;
        BreachedAt = null;
        StoppedAt = null;
        RunningSince = at;
        State = SlaClockState.Running;
        Plan(calendar, at);
    }

    /// <summary>Stops counting (pending the customer or a third party); the time so far is kept.</summary>
    public void Pause(BusinessCalendar calendar, DateTimeOffset at) => Halt(calendar, at, SlaClockState.Paused);

    /// <summary>Stops for good unless the case reopens (answered, resolved).</summary>
    public void Stop(BusinessCalendar calendar, DateTimeOffset at)
    {
        Halt(calendar, at, SlaClockState.Stopped);
        StoppedAt = at;
    }

    public void Resume(BusinessCalendar calendar, DateTimeOffset at)
    {
        if (State is not (SlaClockState.Paused or SlaClockState.Stopped))
        {
            return;
        }

        RunningSince = at;
        StoppedAt = null;
        State = SlaClockState.Running;
        Plan(calendar, at);
    }

    /// <summary>
    /// A new policy or target mid-case: the time consumed so far is counted on the old calendar,
    /// the rest on the new one, against the new target.
    /// </summary>
    public void ChangePolicy(BusinessCalendar oldCalendar, BusinessCalendar newCalendar, DateTimeOffset at, int targetMinutes, int warnPercent)
    {
        if (RunningSince is { } since)
        {
            ElapsedSeconds += (long)oldCalendar.Between(I(since), I(at)).TotalSeconds;
            RunningSince = at;
        }

        TargetMinutes = targetMinutes;
        WarnPercent = warnPercent;
        if (State == SlaClockState.Running)
        {
            Plan(newCalendar, at);
        }
    }

    /// <summary>Marks the due stage as acted on and moves to the next one (warning → breach → nothing).</summary>
    public void Advance()
    {
        if (DueStage == SlaDueStage.Warn)
        {
            WarnedAt = NextDueAt;
        }
        else if (DueStage == SlaDueStage.Breach)
        {
            BreachedAt = NextDueAt;
        }

        SetNextDue();
    }

    public bool IsBreached(DateTimeOffset at) => BreachedAt is not null || (State == SlaClockState.Running && BreachAt <= at);

    private void Halt(BusinessCalendar calendar, DateTimeOffset at, SlaClockState state)
    {
        if (RunningSince is { } since)
        {
            ElapsedSeconds += (long)calendar.Between(I(since), I(at)).TotalSeconds;
        }

        RunningSince = null;
        State = state;
        WarnAt = null;
        BreachAt = null;
        NextDueAt = null;
        DueStage = SlaDueStage.None;
    }

    private void Plan(BusinessCalendar calendar, DateTimeOffset at)
    {
        var elapsed = Duration.FromSeconds(ElapsedSeconds);
        var warnAfter = Duration.FromSeconds(Target.TotalSeconds * WarnPercent / 100.0);
        BreachAt = calendar.Add(I(at), Target - elapsed).ToDateTimeOffset();
        WarnAt = calendar.Add(I(at), warnAfter - elapsed).ToDateTimeOffset();
        SetNextDue();
    }

    private void SetNextDue()
    {
        if (State != SlaClockState.Running)
        {
            NextDueAt = null;
            DueStage = SlaDueStage.None;
        }
        else if (WarnedAt is null && BreachedAt is null && WarnPercent is > 0 and < 100)
        {
            NextDueAt = WarnAt;
            DueStage = SlaDueStage.Warn;
        }
        else if (BreachedAt is null)
        {
            NextDueAt = BreachAt;
            DueStage = SlaDueStage.Breach;
        }
        else
        {
            NextDueAt = null;
            DueStage = SlaDueStage.None;
        }
    }

    private static Instant I(DateTimeOffset value) => Instant.FromDateTimeOffset(value);
}

public enum SlaClockKind
{
    FirstResponse,
    NextResponse,
    Resolution,
}

public enum SlaClockState
{
    /// <summary>Not started yet (a next-response clock before the customer writes again).</summary>
    Idle,
    Running,
    Paused,
    Stopped,
}

public enum SlaDueStage
{
    None,
    Warn,
    Breach,
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> e)
    {
        e.ToTable("sla_clocks");
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.DueStage).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Cases.Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.CaseId, c.Kind }).IsUnique();

        // The worker's claim: what is due by now, oldest first; rows with nothing due hold NULL and cost nothing.
        e.HasIndex(c => c.NextDueAt);
    }
}
