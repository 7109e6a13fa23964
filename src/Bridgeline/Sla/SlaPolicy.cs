using System.Globalization;
using Bridgeline.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;

namespace Bridgeline.Sla;

/// <summary>
/// Targets for first response, next response and resolution per priority and channel, counted on one
/// business calendar. A team may have its own policy; teams without one use the default policy.
/// </summary>
public sealed class SlaPolicy
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The team this policy is for; null for the default policy.</summary>
    public Guid? TeamId { get; set; }

    public bool IsDefault { get; set; }

    /// <summary>IANA zone, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Working days as ISO names: "mon,tue,wed,thu,fri". Empty with 00:00–00:00 hours means round the clock.</summary>
    public string WorkDays { get; set; } = "mon,tue,wed,thu,fri";

    public string OpensAt { get; set; } = "09:00";

    public string ClosesAt { get; set; } = "17:00";

    /// <summary>Closed dates (yyyy-MM-dd), comma-separated.</summary>
    public string Holidays { get; set; } = "";

    public int WarnPercent { get; set; } = 75;

    /// <summary>
    /// Statuses that stop the clocks counting, comma-separated: pending_customer always; add pending_internal
    /// where that status means waiting on a third party (a carrier, an insurer) rather than on the team itself.
    /// </summary>
    public string PausedStatuses { get; set; } = "pending_customer";

    public bool Pauses(CaseStatus status) =>
        PausedStatuses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(Infrastructure.Names.Of(status), StringComparer.Ordinal);

    public List<SlaTarget> Targets { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static readonly IReadOnlyDictionary<string, IsoDayOfWeek> DayNames = new Dictionary<string, IsoDayOfWeek>(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday,
    };

    public BusinessCalendar ToCalendar()
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
        var open = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(OpensAt).GetValueOrThrow();
        var close = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(ClosesAt).GetValueOrThrow();
        var days = WorkDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => DayNames[d]).ToList();
        var holidays = Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => LocalDatePattern.Iso.Parse(h).GetValueOrThrow());
        return new BusinessCalendar(zone, days.ToDictionary(d => d, _ => (open, close)), holidays);
    }

    /// <summary>The most specific target for a case: priority and channel, then priority, then channel, then the catch-all.</summary>
    public int? TargetMinutes(SlaClockKind kind, CasePriority priority, Channel channel)
    {
        var ranked = Targets
            .Where(t => (t.Priority is null || t.Priority == priority) && (t.Channel is null || t.Channel == channel))
            .OrderByDescending(t => (t.Priority is null ? 0 : 2) + (t.Channel is null ? 0 : 1));
        foreach (var target in ranked)
        {
            var minutes = kind switch
            {
                SlaClockKind.FirstResponse => target.FirstResponseMinutes,
                SlaClockKind.NextResponse => target.NextResponseMinutes,
                _ => target.ResolutionMinutes,
            };
            if (minutes is not null)
            {
                return minutes;
            }
        }

        return null;
    }

    public static string FormatTime(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}

public sealed class SlaTarget
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PolicyId { get; set; }

    /// <summary>Null matches every priority.</summary>
    public CasePriority? Priority { get; set; }

    /// <summary>Null matches every channel.</summary>
    public Channel? Channel { get; set; }

    public int? FirstResponseMinutes { get; set; }

    public int? NextResponseMinutes { get; set; }

    public int? ResolutionMinutes { get; set; }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> e)
    {
        e.ToTable("sla_policies");
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.TimeZone).HasMaxLength(64);
        e.Property(p => p.WorkDays).HasMaxLength(40);
        e.Property(p => p.OpensAt).HasMaxLength(5);
        e.Property(p => p.ClosesAt).HasMaxLength(5);
        e.Property(p => p.Holidays).HasMaxLength(4000);
        e.Property(p => p.PausedStatuses).HasMaxLength(200);
        e.HasOne<Teams.Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => p.TeamId).IsUnique();
        e.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlaTargetConfiguration : IEntityTypeConfiguration<SlaTarget>
{
    public void Configure(EntityTypeBuilder<SlaTarget> e) => e.ToTable("sla_targets");
}
