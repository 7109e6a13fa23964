using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers.Matching;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;

namespace Bridgeline.Customers;

/// <summary>
/// A call logged by number before anyone knows whose it is. <c>customerId</c> or <c>caseNumber</c> settle it;
/// otherwise caller ID decides.
/// </summary>
public sealed record IncomingCallRequest(
    string? From,
    string? To,
    string? Direction,
    string? Agent,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    bool? Dropped,
    string? Notes,
    string? Subject,
    Guid? CustomerId,
    string? CaseNumber);

public sealed record IncomingCallResult(CallerIdentity Caller, Guid CustomerId, string CaseNumber, bool CaseOpened, TimelineItem Call);

/// <summary>
/// Logs a call from a number: when exactly one customer has the number, the call is attached to them (on the
/// case given, or a new phone case); when the match is only probable, nothing is written and the answer
/// names the likely customer ("probably John Smith") and the candidates, so the agent confirms with customerId.
/// </summary>
public sealed class LogIncomingCall(BridgelineDb db, CallerId callerId, CaseOperations cases, InteractionOperations interactions)
{
    public async Task<IncomingCallResult> RunAsync(IncomingCallRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var from = v.Required("from", request.From, 40);
        var subject = v.Optional("subject", request.Subject, 300);
        if (request.StartedAt is null)
        {
            v.Add("startedAt", "This field is required: when the call started, with its offset.");
        }

        if (request.StartedAt is { } s && request.EndedAt is { } e && e < s)
        {
            v.Add("endedAt", "The call cannot end before it started.");
        }

        v.ThrowIfInvalid();

        var caller = await callerId.IdentifyAsync(from, ct);
        Case? existing = request.CaseNumber is null ? null : await CaseQueries.LoadAsync(db, request.CaseNumber, ct);
        var customerId = existing?.CustomerId ?? request.CustomerId ?? (caller.Status == "certain" ? caller.Customer!.Id : null);
        if (customerId is null)
        {
            var message = caller.Status == "probable"
                ? $"The caller is {caller.Label}, but that is not certain: confirm the customer and send customerId."
                : $"No customer has the number {caller.Number}: create the customer or send customerId.";
            throw new UnprocessableProblem(message, new Dictionary<string, object?> { ["caller"] = caller });
        }

        var call = new LogCallRequest(request.Direction ?? "inbound", caller.Number, request.To, request.Agent, request.StartedAt, request.EndedAt, request.Dropped, request.Notes);
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        var number = existing?.DisplayNumber;
        if (number is null)
        {
            var opened = await cases.CreateAsync(new CreateCaseRequest(customerId, subject ?? $"Call from {caller.Number}", "phone", null, null, null, null, null, null), actor, ct);
            number = opened.DisplayNumber;
        }

        var logged = await interactions.LogCallAsync(number, call, actor, ct);
        await transaction.CommitAsync(ct);
        return new IncomingCallResult(caller, customerId.Value, number, existing is null, TimelineItem.From(logged, Case.TryParseNumber(number, out var n) ? n : null));
    }
}
