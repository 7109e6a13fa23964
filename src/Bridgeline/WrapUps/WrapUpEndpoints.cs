using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;

namespace Bridgeline.WrapUps;

public static class WrapUpEndpoints
{
    public static IEndpointRouteBuilder MapWrapUpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/wrap-up-quality", Quality).WithTags("Reports")
            .WithSummary("Wrap-up quality per agent and team: share refused at first try, average score, calls without a wrap-up, escalation rate and anomaly flags. Period: from, to (default the last 30 days).")
            .RequireAuthorization(Policies.Supervisor);
        return app;
    }

    private static Task<QualityReportDto> Quality(DateTimeOffset? from, DateTimeOffset? to, BridgelineDb db, TimeProvider clock, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow().AddMinutes(1);
        var start = from ?? end.AddDays(-30);
        if (start >= end)
        {
            throw ValidationFailed.For("from", "The period must start before it ends.");
        }

        return QualityReport.BuildAsync(db, start.ToUniversalTime(), end.ToUniversalTime(), ct);
    }
}
