using System.Text.Json;
using System.Text.Json.Serialization;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Components;
using Bridgeline.Customers;
using Bridgeline.Data;
using Bridgeline.Demo;
using Bridgeline.Interactions;
using Bridgeline.Users;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Bridgeline.Infrastructure;

public static class BridgelineSetup
{
    public static WebApplicationBuilder AddBridgeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Serve the UI's CSS and scripts from the build output under `dotnet run` in any environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        services.Configure<BridgelineOptions>(builder.Configuration.GetSection(BridgelineOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddBridgelineDatabase();
        services.AddBridgelineAuth();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi();
        services.AddHealthChecks();
        services.AddRazorComponents();
        services.AddHttpContextAccessor();

        services.AddScoped<CustomerOperations>();
        services.AddScoped<CaseOperations>();
        services.AddScoped<InteractionOperations>();
        services.AddScoped<UserOperations>();
        services.AddScoped<DemoData>();
        services.AddHostedService<IdempotencyCleanup>();
        services.AddScoped<Escalations.EscalationOperations>();
        services.AddScoped<Promises.PromiseOperations>();
        services.AddSingleton<Sla.DeadlineWorker>().AddHostedService(sp => sp.GetRequiredService<Sla.DeadlineWorker>());
        return builder;
    }

    public static WebApplication UseBridgeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSizeLimit();
        app.UseIdempotencyBuffering();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/health", Health).WithTags("Health").AllowAnonymous()
            .WithSummary("200 when the server and its database answer, 503 otherwise.");
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Bridgeline API")).AllowAnonymous();
        app.MapCustomerEndpoints();
        app.MapCaseEndpoints();
        app.MapUserEndpoints();
        app.MapAccountEndpoints();
        Sla.SlaEndpoints.MapSlaEndpoints(app);
        Escalations.EscalationEndpoints.MapEscalationEndpoints(app);
        Promises.PromiseEndpoints.MapPromiseEndpoints(app);
        Reports.ReportEndpoints.MapReportEndpoints(app);

        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }

    private static async Task<IResult> Health(BridgelineDb db, CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct)
            ? TypedResults.Ok(new { status = "healthy", database = db is PostgresBridgelineDb ? "postgres" : "sqlite" })
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database does not answer.");
}
