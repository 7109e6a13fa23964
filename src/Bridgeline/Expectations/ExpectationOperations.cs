using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Expectations;

public sealed record RecordExpectationRequest(string? Expectation, string? Source, string? SourceDetail, bool? CompanyCreated, bool? Valid, string? Obligation, string? Actual);

public sealed record MeetObligationRequest(string? Note);

public sealed record SendExplanationRequest(string? Text);

/// <summary>Recording a customer's expectation on a case, meeting the obligation a valid one creates, and explaining an invalid one.</summary>
public sealed class ExpectationOperations(BridgelineDb db, TimeProvider clock, InteractionOperations interactions)
{
    private static readonly ExpectationSource[] CompanySources = [ExpectationSource.PromotionPage, ExpectationSource.Advert, ExpectationSource.Website, ExpectationSource.Contract];

    public async Task<Expectation> RecordAsync(string caseNumber, RecordExpectationRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var text = v.Required("expectation", request.Expectation, 1000);
        var source = v.Enum<ExpectationSource>("source", request.Source, required: true);
        var detail = v.Optional("sourceDetail", request.SourceDetail, 500);
        var obligation = v.Optional("obligation", request.Obligation, 1000);
        var actual = v.Optional("actual", request.Actual, 1000);
        v.ThrowIfInvalid();

        // The company created it when its own promotion, advert, website or contract did, unless the agent says otherwise;
        // it is valid when the company created it (overtly or by implication) or the industry's norm makes it reasonable.
        var companyCreated = request.CompanyCreated ?? CompanySources.Contains(source!.Value);
        if (companyCreated && source is ExpectationSource.None or ExpectationSource.IndustryNorm)
        {
            v.Add("companyCreated", $"An expectation from {Names.Label(source.Value).ToLowerInvariant()} was not created by the company; name the page, advert, website or contract that created it.");
        }

        var valid = request.Valid ?? (companyCreated || source == ExpectationSource.IndustryNorm);
        if (!valid && obligation is not null)
        {
            v.Add("obligation", "An invalid expectation creates no obligation; describe what is offered in actual.");
        }

        v.ThrowIfInvalid();
        var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
        var now = clock.GetUtcNow();
        var expectation = new Expectation
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Text = text!,
            Source = source!.Value,
            SourceDetail = detail,
            CompanyCreated = companyCreated,
            Valid = valid,
            Obligation = valid ? obligation ?? $"Honour what the customer was led to expect: {text}." : null,
            Actual = actual,
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = now,
        };
        db.Add(expectation);
        var from = Names.Label(expectation.Source).ToLowerInvariant() + (detail is null ? "" : $" ({detail})");
        CaseActivity.AddEvent(db, @case, actor, now, "expectation_recorded",
            $"The customer expects {text} (source: {from}; created by the company: {(companyCreated ? "yes" : "no")}). "
            + (valid ? $"Valid: an obligation on the case until met — {expectation.Obligation}" : "Not valid: a respectful explanation is due."));
        Auditor.Record(db, actor, now, "case", @case.Id, "expectation_recorded", [
            new FieldChange("expectation", null, text),
            new FieldChange("source", null, Names.Of(expectation.Source)),
            new FieldChange("valid", null, valid ? "yes" : "no"),
        ]);
        @case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return expectation;
    }

    public async Task<Expectation> MeetAsync(Guid id, MeetObligationRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var note = v.Optional("note", request.Note, 2000);
        v.ThrowIfInvalid();
        var expectation = await db.Set<Expectation>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundProblem($"Expectation {id}");
        if (!expectation.Valid)
        {
            throw new ConflictProblem("An invalid expectation creates no obligation to meet; send the explanation instead.");
        }

        if (expectation.MetAt is not null)
        {
            return expectation;
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == expectation.CaseId, ct);
        var now = clock.GetUtcNow();
        expectation.MetAt = now;
        expectation.MetByName = actor.Name;
        expectation.MetNote = note;
        CaseActivity.AddEvent(db, @case, actor, now, "obligation_met", $"Obligation met: {expectation.Obligation}" + (note is null ? "" : $" ({note})"));
        Auditor.Record(db, actor, now, "case", @case.Id, "obligation_met", [new FieldChange("obligation", "open", "met")], note);
        await db.SaveChangesAsync(ct);
        return expectation;
    }

    /// <summary>Sends the explanation of an invalid expectation to the customer as a reply on the case's channel.</summary>
    public async Task<Interaction> ExplainAsync(Guid id, SendExplanationRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var text = v.Optional("text", request.Text, 10000);
        v.ThrowIfInvalid();
        var expectation = await db.Set<Expectation>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundProblem($"Expectation {id}");
        if (expectation.Valid)
        {
            throw new ConflictProblem("A valid expectation is an obligation to meet, not something to explain away.");
        }

        var @case = await db.Cases.FirstAsync(c => c.Id == expectation.CaseId, ct);
        var name = await db.Customers.Where(c => c.Id == expectation.CustomerId).Select(c => c.Name).FirstAsync(ct);
        expectation.ExplainedAt = clock.GetUtcNow();
        return await interactions.AddMessageAsync(@case.DisplayNumber,
            new AddMessageRequest("outbound", Names.Of(@case.Channel), text ?? ExpectationText.Explanation(expectation, name), null, null), actor, ct);
    }
}

/// <summary>The respectful explanation an agent can send when the company did not create what the customer expected.</summary>
public static class ExpectationText
{
    public static string Explanation(Expectation e, string customerName)
    {
        var first = customerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? customerName;
        var where = e.SourceDetail is null ? "" : $" ({e.SourceDetail})";
        var checkedSource = e.Source switch
        {
            ExpectationSource.None => "I have checked, and it is not something we have offered or promised.",
            ExpectationSource.IndustryNorm => "Some companies do offer this, so I understand why you expected it; it is not part of what we offer, and I am sorry we did not make that clearer.",
            _ => $"I have checked our {Names.Label(e.Source).ToLowerInvariant()}{where}, and it does not include this — but I can see how it could leave that impression, and I will pass that on so it is made clearer.",
        };
        var actual = e.Actual is null ? "" : $" What we do offer is: {e.Actual.TrimEnd('.')}.";
        return $"Dear {first}, thank you for telling us that you expected {e.Text.TrimEnd('.')}. I understand why that matters to you, and I am sorry it is not what you found. "
               + checkedSource + actual
               + " If you saw something from us that says otherwise, please tell me where, and I will look into it personally.";
    }
}
