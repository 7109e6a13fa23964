using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.WrapUps;

/// <summary>A wrap-up as the agent sent it: one text, or the structured parts.</summary>
public sealed record WrapUpInput(string? Text, string? Reason, string? CustomerWanted, string? Done, string? Next)
{
    public bool IsStructured => CustomerWanted is not null || Done is not null || Next is not null;
}

/// <summary>
/// Judges a wrap-up before it becomes a note. Every attempt is counted for the quality report; a refused
/// one is kept only as a count and its reasons, never as a note, and the agent is told what is missing.
/// </summary>
public sealed class WrapUpGate(BridgelineDb db, IOptions<WrapUpOptions> options, TimeProvider clock, IServiceScopeFactory scopes)
{
    /// <summary>Returns the text to store; throws 422 with the reasons when refused (after recording the attempt).</summary>
    public async Task<(string Text, WrapUpScore Score)> JudgeAsync(Case @case, WrapUpInput input, Actor actor, CancellationToken ct)
    {
        var reasonCode = input.Reason ?? @case.ContactReasonCode;
        var reasonName = reasonCode is null ? null
            : await db.ContactReasons.AsNoTracking().Where(r => r.Code == reasonCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (input.Reason is not null && reasonName is null)
        {
            throw ValidationFailed.For("reason", $"No contact reason '{input.Reason}'.");
        }

        var teamName = actor.TeamId is { } teamId ? await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        var thresholds = options.Value.For(teamName);
        var previous = actor.UserId is { } userId
            ? await db.Interactions.AsNoTracking()
                .Where(i => i.AuthorId == userId && i.NoteKind == NoteKind.Wrapup)
                .OrderByDescending(i => i.RecordedAt)
                .Take(options.Value.PreviousToCompare)
                .Select(i => i.Body!)
                .ToListAsync(ct)
            : [];
        var caseText = @case.Subject + " " + string.Join(" ", await db.Interactions.AsNoTracking()
            .Where(i => i.CaseId == @case.Id && i.Kind == InteractionKind.Message)
            .OrderBy(i => i.OccurredAt).Take(3).Select(i => i.Body).ToListAsync(ct));
        var context = new WrapUpContext(reasonCode, reasonName, caseText, previous);

        var text = input.IsStructured ? WrapUpScorer.Compose(input.CustomerWanted, input.Done, input.Next) : input.Text ?? "";
        var score = input.IsStructured
            ? WrapUpScorer.ScoreStructured(input.CustomerWanted, input.Done, input.Next, context, thresholds)
            : WrapUpScorer.Score(text, context, thresholds);

        if (!score.Accepted)
        {
            await RecordRefusalAsync(NewAttempt(@case, actor, reasonCode, score), ct);
            throw new UnprocessableProblem(
                "This wrap-up was refused: " + string.Join(" ", score.Reasons.Select(r => r.Message)) + " To fix it: " + string.Join("; ", score.Missing) + ".",
                new Dictionary<string, object?>
                {
                    ["reasons"] = score.Reasons.Select(r => new { code = r.Code, message = r.Message }).ToList(),
                    ["missing"] = score.Missing,
                    ["score"] = score.Score,
                });
        }

        return (text, score);
    }

    /// <summary>The accepted attempt, saved in the same unit of work as the note it became.</summary>
    public WrapUpAttempt Accepted(Case @case, Actor actor, string? reasonCode, WrapUpScore score, Guid interactionId)
    {
        var attempt = NewAttempt(@case, actor, reasonCode, score);
        attempt.InteractionId = interactionId;
        db.Set<WrapUpAttempt>().Add(attempt);
        return attempt;
    }

    private WrapUpAttempt NewAttempt(Case @case, Actor actor, string? reasonCode, WrapUpScore score) => new()
    {
        CaseId = @case.Id,
        AgentId = actor.UserId,
        AgentName = actor.Name,
        TeamId = actor.TeamId,
        ContactReasonCode = reasonCode,
        Score = score.Score,
        Accepted = score.Accepted,
        Reasons = string.Join(",", score.Reasons.Select(r => r.Code)),
        At = clock.GetUtcNow(),
    };

    // A refusal writes nothing to the case, but the attempt must be counted even though the request fails:
    // it goes through its own context so nothing the request had staged is saved with it.
    private async Task RecordRefusalAsync(WrapUpAttempt attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
        own.Set<WrapUpAttempt>().Add(attempt);
        await own.SaveChangesAsync(ct);
    }
}
