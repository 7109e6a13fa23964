using System.Globalization;
using Bridgeline.WrapUps;
using Xunit.Abstractions;

namespace Bridgeline.Tests.WrapUps;

public sealed class WrapUpScorerTests(ITestOutputHelper output)
{
    private static readonly WrapUpThresholds Defaults = new WrapUpOptions().Default;

    [Theory]
    [InlineData("blah blah blah", WrapUpScorer.Filler)]
    [InlineData("blah blah blah", WrapUpScorer.Repeated)]
    [InlineData("asdf", WrapUpScorer.Filler)]
    [InlineData("test", WrapUpScorer.Filler)]
    [InlineData("n/a", WrapUpScorer.Filler)]
    [InlineData("ok", WrapUpScorer.Filler)]
    [InlineData("called", WrapUpScorer.Filler)]
    [InlineData("see above", WrapUpScorer.Filler)]
    [InlineData("same as before", WrapUpScorer.Filler)]
    [InlineData("sdfghjkl jkjkjkjk", WrapUpScorer.KeyboardMashing)]
    [InlineData("refund refund refund refund", WrapUpScorer.Repeated)]
    [InlineData("spoke to customer spoke to customer spoke to customer", WrapUpScorer.Repeated)]
    [InlineData("Customer called, issue resolved.", WrapUpScorer.Boilerplate)]
    [InlineData("She was lovely, we discussed the weather at length", WrapUpScorer.OffTopic)]
    [InlineData("claim", WrapUpScorer.TooShort)]
    public void JunkWrapUp_IsRefusedWithTheReason(string text, string reason)
    {
        var score = WrapUpScorer.Score(text, new WrapUpContext("claims.status", "Claim status", "Claim: my boat has been out for six weeks"), Defaults);

        Assert.False(score.Accepted);
        Assert.Contains(score.Reasons, r => r.Code == reason);
        Assert.NotEmpty(score.Missing);
    }

    [Theory]
    [InlineData("Refunded 80 USD for order C-1001, customer satisfied, no follow-up")]
    [InlineData("Password reset sent, customer logged in, closed")]
    [InlineData("Claim 5521 adjuster booked Thursday 10am, caller ok with that")]
    [InlineData("Caller asked why the claim was rejected; explained the storefront rule and escalated to Claims Management, answer due Friday.")]
    public void ShortRealWrapUp_IsAccepted(string text)
    {
        var score = WrapUpScorer.Score(text, new WrapUpContext("billing.fee-dispute", "Fee or charge disputed", "Where is my order C-1001?"), Defaults);

        Assert.True(score.Accepted, string.Join("; ", score.Reasons.Select(r => r.Message)));
        Assert.Empty(score.Reasons);
    }

    [Fact]
    public void CopyOfTheAgentsPreviousWrapUp_IsRefused()
    {
        const string previous = "Customer asked where order C-1001 is; checked tracking, parcel at the depot; arrives Monday.";
        var score = WrapUpScorer.Score("Customer asked where order C-1001 is; checked tracking, parcel at the depot; arrives Monday", new WrapUpContext(PreviousWrapUps: [previous]), Defaults);

        Assert.Contains(score.Reasons, r => r.Code == WrapUpScorer.CopyOfPrevious);
    }

    [Theory]
    [InlineData(null, "Refund done", "no follow-up", "missing_customerWanted", WrapUpScorer.SayWhatWanted)]
    [InlineData("Refund for order C-1001", "blah", "no follow-up", "missing_done", WrapUpScorer.SayWhatDone)]
    [InlineData("Refund for order C-1001", "Refunded 80 USD", "", "missing_next", WrapUpScorer.SayWhatNext)]
    public void StructuredWrapUpWithAPartMissing_SaysWhichPart(string? wanted, string? done, string? next, string code, string hint)
    {
        var score = WrapUpScorer.ScoreStructured(wanted, done, next, new WrapUpContext(), Defaults);

        Assert.False(score.Accepted);
        Assert.Contains(score.Reasons, r => r.Code == code);
        Assert.Contains(hint, score.Missing);
    }

    [Fact]
    public void StrongerTeamThreshold_RefusesWhatTheDefaultAccepts()
    {
        var options = new WrapUpOptions { Teams = { ["Hotline"] = new WrapUpThresholds { MinContentWords = 10 } } };
        const string text = "Double charge 40 USD refunded";

        Assert.True(WrapUpScorer.Score(text, new WrapUpContext(), options.For("Tier 1")).Accepted);
        var hotline = WrapUpScorer.Score(text, new WrapUpContext(), options.For("hotline"));
        Assert.False(hotline.Accepted);
        Assert.Contains(hotline.Reasons, r => r.Code == WrapUpScorer.TooShort);
    }

    [Fact]
    public void LabelledSet_JunkIsCaughtWithHighPrecisionAndRecall()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Bridgeline.Tests", "WrapUps", "labelled-wrapups.tsv");
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.True(rows.Count >= 320, $"the labelled set has {rows.Count} rows");

        var history = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;
        foreach (var row in rows)
        {
            var (label, kind, agent, reason, subject, text) = (row[0], row[1], row[2], row[3], row[4], row[5]);
            var previous = history.TryGetValue(agent, out var list) ? list : history[agent] = [];
            var score = WrapUpScorer.Score(text, new WrapUpContext(reason, null, subject, previous), Defaults);
            var junk = label == "refuse";
            var refused = !score.Accepted;
            if (score.Accepted)
            {
                previous.Add(text);
            }

            if (junk && refused)
            {
                truePositive++;
            }
            else if (!junk && refused)
            {
                falsePositive++;
                output.WriteLine($"wrongly refused ({kind}): {text} -> {string.Join("; ", score.Reasons.Select(r => r.Code))}");
            }
            else if (junk)
            {
                falseNegative++;
                output.WriteLine($"wrongly accepted ({kind}): {text}");
            }
            else
            {
                trueNegative++;
            }
        }

        var precision = (double)truePositive / (truePositive + falsePositive);
        var recall = (double)truePositive / (truePositive + falseNegative);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrap-up gate on {rows.Count} labelled wrap-ups ({truePositive + falseNegative} junk): precision {precision:F3}, recall {recall:F3}; good accepted {trueNegative}, good refused {falsePositive}, junk missed {falseNegative}"));
        Assert.True(precision >= 0.95, $"precision {precision:F3}");
        Assert.True(recall >= 0.90, $"recall {recall:F3}");
    }
}
