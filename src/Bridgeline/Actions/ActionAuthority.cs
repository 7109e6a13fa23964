using Bridgeline.Auth;

namespace Bridgeline.Actions;

public enum ActionDecisionKind
{
    ExecuteNow,
    NeedsApproval,
    Refuse,
}

public sealed record ActionDecision(ActionDecisionKind Kind, string? Reason)
{
    public static ActionDecision ExecuteNow { get; } = new(ActionDecisionKind.ExecuteNow, null);
}

/// <summary>
/// The one place that decides whether an actor may carry out a resolution action at once, or whether it
/// must wait for someone with more authority. Authority limits per role plug in here; every caller
/// (API, case page, automation) goes through <see cref="RecordResolutionAction"/>, which asks this.
/// </summary>
public sealed class ActionAuthority
{
    public Task<ActionDecision> DecideAsync(ResolutionAction proposed, Actor actor, CancellationToken ct)
    {
        // No authority limits are configured yet: every action executes at once, recorded with who did it.
        return Task.FromResult(ActionDecision.ExecuteNow);
    }
}
