using Bridgeline.WrapUps;

namespace Bridgeline.Tests.WrapUps;

public sealed class QualityReportTests
{
    private static QualityRow Team(string name, int cases, int escalated, double score = 80, int attempts = 20, int firstTries = 20, int refusedFirst = 2, int calls = 0, int withoutWrapUp = 0) =>
        new(Guid.NewGuid(), name, name, attempts, refusedFirst, firstTries, refusedFirst, (double)refusedFirst / firstTries, score, calls, withoutWrapUp, cases, escalated, (double)escalated / Math.Max(1, cases), []);

    [Fact]
    public void HotlineWithThousandsOfCasesAndNoEscalations_IsFlagged_WhileOrdinaryTeamsAreNot()
    {
        var flagged = QualityReport.FlagAnomalies([Team("Tier 1", 200, 12), Team("Billing", 150, 9), Team("Hotline", 3000, 0)]);

        Assert.Empty(flagged.Single(t => t.Name == "Tier 1").Anomalies);
        Assert.Empty(flagged.Single(t => t.Name == "Billing").Anomalies);
        Assert.Contains("No escalations in 3000 cases", Assert.Single(flagged.Single(t => t.Name == "Hotline").Anomalies));
    }

    [Theory]
    [InlineData(40, 20, 2, 0, 0, "Average wrap-up score")]
    [InlineData(80, 20, 15, 0, 0, "of first wrap-ups refused")]
    [InlineData(80, 20, 2, 40, 30, "calls have no wrap-up")]
    public void TeamWhoseNotesDepartFromTheFloor_IsFlaggedWithTheReason(double score, int firstTries, int refusedFirst, int calls, int withoutWrapUp, string flag)
    {
        var flagged = QualityReport.FlagAnomalies([Team("Tier 1", 100, 5), Team("Billing", 100, 5), Team("Odd", 100, 5, score, 20, firstTries, refusedFirst, calls, withoutWrapUp)]);

        Assert.Contains(flagged.Single(t => t.Name == "Odd").Anomalies, a => a.Contains(flag, StringComparison.Ordinal));
    }

    [Fact]
    public void SmallTeams_AreNotJudged()
    {
        var flagged = QualityReport.FlagAnomalies([Team("Tier 1", 200, 12), Team("Tiny", 4, 0, attempts: 3, firstTries: 3, refusedFirst: 3)]);
        Assert.Empty(flagged.Single(t => t.Name == "Tiny").Anomalies);
    }
}
