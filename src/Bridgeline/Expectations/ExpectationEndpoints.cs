using System.Security.Claims;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Expectations;

public sealed record ExpectationDto(
    Guid Id,
    string CaseNumber,
    string Expectation,
    ExpectationSource Source,
    string? SourceDetail,
    bool CompanyCreated,
    bool Valid,
    string? Obligation,
    bool ObligationOpen,
    string? Actual,
    string? Explanation,
    DateTimeOffset? MetAt,
    string? MetBy,
    DateTimeOffset? ExplainedAt,
    string RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record ExpectationSourceDetailDto(string Detail, int Invalid);

public sealed record ExpectationSourceRowDto(ExpectationSource Source, int Total, int Valid, int Invalid, int InvalidCreatedByCompany, IReadOnlyList<ExpectationSourceDetailDto> InvalidBy);

public sealed record ExpectationReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ExpectationSourceRowDto> Sources);

public static class ExpectationEndpoints
{
    public static IServiceCollection AddExpectations(this IServiceCollection services) => services.AddScoped<ExpectationOperations>();

    public static IEndpointRouteBuilder MapExpectationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{number}/expectations", Record).WithTags("Expectations").WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Record the customer's expectation: {expectation, source: promotion_page | advert | website | contract | industry_norm | none, sourceDetail, companyCreated, valid, obligation, actual}. companyCreated defaults to true for the company's own sources; valid to companyCreated or industry_norm. A valid one is an obligation on the case until met; an invalid one comes with a respectful explanation.");
        app.MapGet("/api/cases/{number}/expectations", ForCase).WithTags("Expectations").RequireAuthorization(Policies.Staff)
            .WithSummary("The case's expectations, open obligations first.");
        var one = app.MapGroup("/api/expectations").WithTags("Expectations").RequireAuthorization(Policies.Staff);
        one.MapPost("/{id:guid}/met", Meet).WithSummary("The obligation a valid expectation created is met: {note}. On the timeline.");
        one.MapPost("/{id:guid}/explanation", Explain)
            .WithSummary("Send the explanation of an invalid expectation to the customer as a reply on the case's channel: {text} (default: the respectful template).");
        app.MapGet("/api/reports/expectations", Report).WithTags("Reports").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Which sources create invalid expectations, between from and to (default: the last 90 days): per source, how many were valid, invalid, and invalid though the company created them, with the pages or adverts named.");
        return app;
    }

    private static async Task<Created<ExpectationDto>> Record(string number, RecordExpectationRequest request, ExpectationOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var e = await operations.RecordAsync(number, request, Actor.From(user), ct);
        var dto = (await ExpectationQueries.ListAsync(db, db.Set<Expectation>().Where(x => x.Id == e.Id), ct)).Single();
        return TypedResults.Created($"/api/cases/{dto.CaseNumber}/expectations#{dto.Id}", dto);
    }

    private static async Task<List<ExpectationDto>> ForCase(string number, BridgelineDb db, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await ExpectationQueries.ListAsync(db, db.Set<Expectation>().Where(x => x.CaseId == @case.Id), ct);
    }

    private static async Task<ExpectationDto> Meet(Guid id, MeetObligationRequest? request, ExpectationOperations operations, BridgelineDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.MeetAsync(id, request ?? new MeetObligationRequest(null), Actor.From(user), ct);
        return (await ExpectationQueries.ListAsync(db, db.Set<Expectation>().Where(x => x.Id == id), ct)).Single();
    }

    private static async Task<Created<TimelineItem>> Explain(Guid id, SendExplanationRequest? request, ExpectationOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await operations.ExplainAsync(id, request ?? new SendExplanationRequest(null), Actor.From(user), ct);
        var item = TimelineItem.From(message, null);
        return TypedResults.Created($"/api/expectations/{id}", item);
    }

    private static async Task<ExpectationReportDto> Report(DateTimeOffset? from, DateTimeOffset? to, BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-90);
        if (start > end)
        {
            throw ValidationFailed.For("from", "from must be before to.");
        }

        return await ExpectationQueries.ReportAsync(db, start, end, ct);
    }
}

public static class ExpectationQueries
{
    public static async Task<List<ExpectationDto>> ListAsync(BridgelineDb db, IQueryable<Expectation> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e, c.Number })
            .Join(db.Customers, x => x.e.CustomerId, u => u.Id, (x, u) => new { x.e, x.Number, u.Name })
            .ToListAsync(ct);
        return rows
            .OrderByDescending(x => x.e.Valid && x.e.MetAt == null).ThenByDescending(x => x.e.RecordedAt)
            .Select(x => new ExpectationDto(
                x.e.Id, Case.FormatNumber(x.Number), x.e.Text, x.e.Source, x.e.SourceDetail, x.e.CompanyCreated, x.e.Valid,
                x.e.Obligation, x.e.Valid && x.e.MetAt is null, x.e.Actual,
                x.e.Valid ? null : ExpectationText.Explanation(x.e, x.Name),
                x.e.MetAt, x.e.MetByName, x.e.ExplainedAt, x.e.RecordedByName, x.e.RecordedAt))
            .ToList();
    }

    public static async Task<ExpectationReportDto> ReportAsync(BridgelineDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await db.Set<Expectation>().AsNoTracking()
            .Where(e => e.RecordedAt >= from && e.RecordedAt <= to)
            .Select(e => new { e.Source, e.SourceDetail, e.Valid, e.CompanyCreated })
            .ToListAsync(ct);
        var sources = rows.GroupBy(r => r.Source).Select(g => new ExpectationSourceRowDto(
                g.Key,
                g.Count(),
                g.Count(r => r.Valid),
                g.Count(r => !r.Valid),
                g.Count(r => !r.Valid && r.CompanyCreated),
                g.Where(r => !r.Valid && r.SourceDetail != null).GroupBy(r => r.SourceDetail!, StringComparer.OrdinalIgnoreCase)
                    .Select(d => new ExpectationSourceDetailDto(d.Key, d.Count())).OrderByDescending(d => d.Invalid).ThenBy(d => d.Detail, StringComparer.Ordinal).Take(10).ToList()))
            .OrderByDescending(s => s.InvalidCreatedByCompany).ThenByDescending(s => s.Invalid).ThenBy(s => s.Source)
            .ToList();
        return new ExpectationReportDto(from, to, sources);
    }
}
