using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Customers;

public sealed record RecordVerificationRequest(string? Method, string? Detail);

public sealed record VerificationDto(Guid Id, string CaseNumber, string Method, string? Detail, string VerifiedBy, DateTimeOffset VerifiedAt);

public enum VerificationMethod
{
    AccountAndPostcode,
    EmailCode,
    SmsCode,
    SecurityQuestion,
    InPerson,
    Other,
}

/// <summary>
/// Recording how a caller was verified, and the rule for sensitive corrections: changing a customer's
/// emails, phones or an account's plan needs either a verification recorded on one of that customer's open
/// cases, or a supervisor (or manager, admin) making the change.
/// </summary>
public sealed class IdentityChecks(BridgelineDb db, TimeProvider clock)
{
    public const string Rule = "Changing emails, phones or an account's plan needs the caller verified on one of the customer's open cases (POST /api/cases/{number}/verifications), or a supervisor, manager or admin; otherwise 403.";

    public async Task<VerificationDto> RecordAsync(string caseNumber, RecordVerificationRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var method = v.Enum<VerificationMethod>("method", request.Method, required: true);
        var detail = v.Optional("detail", request.Detail, 500);
        v.ThrowIfInvalid();

        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var verification = new IdentityVerification
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Method = Names.Of(method!.Value),
            Detail = detail,
            VerifiedById = actor.UserId,
            VerifiedByName = actor.Name,
            VerifiedAt = now,
        };
        db.Set<IdentityVerification>().Add(verification);
        Auditor.Record(db, actor, now, "case", @case.Id, "identity_verified", [new FieldChange("verification", null, verification.Method + (detail is null ? "" : $" ({detail})"))]);
        CaseActivity.AddEvent(db, @case, actor, now, "identity_verified", $"Caller verified by {Names.Label(method.Value)}" + (detail is null ? "" : $": {detail}"));
        @case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new VerificationDto(verification.Id, @case.DisplayNumber, verification.Method, detail, actor.Name, now);
    }

    public static async Task<List<VerificationDto>> ForCaseAsync(BridgelineDb db, Guid caseId, CancellationToken ct)
    {
        var rows = await db.Set<IdentityVerification>().AsNoTracking()
            .Where(x => x.CaseId == caseId)
            .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x, c.Number })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.x.VerifiedAt)
            .Select(r => new VerificationDto(r.x.Id, Case.FormatNumber(r.Number), r.x.Method, r.x.Detail, r.x.VerifiedByName, r.x.VerifiedAt))
            .ToList();
    }

    /// <summary>Refuses a sensitive correction unless <see cref="Rule"/> allows it.</summary>
    public static async Task RequireAsync(BridgelineDb db, Guid customerId, Actor actor, string what, CancellationToken ct)
    {
        if (actor.Role is Roles.Supervisor or Roles.Manager or Roles.Admin)
        {
            return;
        }

        var open = new[] { CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal };
        var verified = await db.Set<IdentityVerification>()
            .AnyAsync(x => x.CustomerId == customerId && db.Cases.Any(c => c.Id == x.CaseId && open.Contains(c.Status)), ct);
        if (!verified)
        {
            throw new ForbiddenProblem($"Changing {what} needs the caller's identity verified on an open case of this customer, or a supervisor.");
        }
    }
}

/// <summary>Tells the customer what was corrected: an outbound message on their timeline, queued for sending.</summary>
public static class CorrectionNotice
{
    public const string EventType = "correction_notice";

    public static void Queue(BridgelineDb db, Guid customerId, Guid? caseId, string what, DateTimeOffset now) =>
        db.Interactions.Add(new Interaction
        {
            CustomerId = customerId,
            CaseId = caseId,
            Kind = InteractionKind.Message,
            Direction = Direction.Outbound,
            Channel = Channel.Email,
            EventType = EventType,
            Body = $"We have corrected your details: {what}. If this is not right, reply to this message.",
            AuthorName = "Bridgeline",
            OccurredAt = now,
            RecordedAt = now,
        });
}
