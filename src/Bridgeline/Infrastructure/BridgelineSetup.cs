using System.Text.Json;
using System.Text.Json.Serialization;
using Bridgeline.Accounts;
using Bridgeline.Actions;
using Bridgeline.Approvals;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Components;
using Bridgeline.Customers;
using Bridgeline.Data;
using Bridgeline.Demo;
using Bridgeline.Escalations;
using Bridgeline.Expectations;
using Bridgeline.Interactions;
using Bridgeline.Knowledge;
using Bridgeline.Macros;
using Bridgeline.Orders;
using Bridgeline.CompanyPolicies;
using Bridgeline.Promises;
using Bridgeline.Reports;
using Bridgeline.Search;
using Bridgeline.Sla;
using Bridgeline.Users;
using Bridgeline.WrapUps;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Bridgeline.Infrastructure;

public static class BridgelineSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddBridgeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Serve the UI's CSS and scripts from the build output under `dotnet run` in any environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        // The default address lives here rather than in appsettings.json, where it would outrank ASPNETCORE_URLS.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
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
        services.AddOrders(builder.Configuration);
        services.AddResolutionActions(builder.Configuration);
        services.AddApprovals();
        services.AddPolicies();
        services.AddExpectations();
        services.AddCustomerMatching();
        services.AddCustomerAccounts();
        services.Configure<WrapUpOptions>(builder.Configuration.GetSection(WrapUpOptions.Section));
        services.AddScoped<WrapUpGate>();
        services.AddScoped<ISearchIndex>(sp => sp.GetRequiredService<BridgelineDb>() is PostgresBridgelineDb db ? new PostgresSearchIndex(db) : new SqliteSearchIndex(sp.GetRequiredService<BridgelineDb>()));
        services.AddScoped<ArticleOperations>();
        services.AddScoped<MacroOperations>();
        services.AddScoped<KnowledgeDemo>();
        services.AddHostedService<IdempotencyCleanup>();
        services.AddScoped<EscalationOperations>();
        services.AddScoped<PromiseOperations>();
        services.AddSingleton<DeadlineWorker>().AddHostedService(sp => sp.GetRequiredService<DeadlineWorker>());
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
        app.MapCustomerMatchingEndpoints();
        app.MapCustomerAccountEndpoints();
        app.MapCustomerEndpoints();
        app.MapCaseEndpoints();
        app.MapUserEndpoints();
        app.MapAccountEndpoints();
        app.MapOrderEndpoints();
        app.MapActionEndpoints();
        app.MapApprovalEndpoints();
        app.MapPolicyEndpoints();
        app.MapExpectationEndpoints();
        app.MapWrapUpEndpoints();
        app.MapSearchEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapMacroEndpoints();
        app.MapSlaEndpoints();
        app.MapEscalationEndpoints();
        app.MapPromiseEndpoints();
        app.MapReportEndpoints();

        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }

    private static async Task<IResult> Health(BridgelineDb db, CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct)
            ? TypedResults.Ok(new { status = "healthy", database = db is PostgresBridgelineDb ? "postgres" : "sqlite" })
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database does not answer.");
}
