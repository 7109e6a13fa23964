using System.Security.Claims;
using System.Text.Json;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Bridgeline.Orders;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("/", CreateOrder).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Create an order with its shipments. Each shipment's shippingNumber is recognised: carrier, format, check digit.");
        orders.MapPost("/bulk", CreateOrders).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Create many orders: {\"orders\":[…]}. Valid ones are stored; the others are reported by index.");
        orders.MapPost("/import", ImportCsv).WithIdempotency().RequireAuthorization(Policies.StaffOrIntegration)
            .Accepts<string>("text/csv")
            .WithSummary("Import orders from CSV (text/csv), one row per shipment: " + OrderCsv.Header);
        orders.MapGet("/{number}", GetOrder).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("An order with each shipment's recognised carrier, status, last event and anomalies.");
        app.MapGet("/api/customers/{id:guid}/orders", CustomerOrders).WithTags("Orders").RequireAuthorization(Policies.Staff)
            .WithSummary("The customer's orders, newest first.");
        app.MapPost("/api/shipments/{id:guid}/not-received", ReportNotReceived).WithTags("Orders").RequireAuthorization(Policies.Staff)
            .WithSummary("Record that the customer says a delivered parcel never arrived.");

        var cases = app.MapGroup("/api/cases/{number}").WithTags("Orders");
        cases.MapGet("/orders", CaseOrders).RequireAuthorization(Policies.Staff)
            .WithSummary("The orders the case is about, with shipments, anomalies and suggested actions.");
        cases.MapPost("/orders", AttachOrder).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("Attach an order to the case: {\"orderNumber\":\"C-1001\"}.");
        cases.MapPost("/carrier-follow-ups", OpenFollowUp).WithIdempotency().RequireAuthorization(Policies.Staff)
            .WithSummary("Open an internal carrier follow-up for a shipment, assigned to the carrier follow-up team. Never shown to the customer.");
        cases.MapGet("/carrier-follow-ups", FollowUps).RequireAuthorization(Policies.Staff)
            .WithSummary("The case's internal carrier follow-ups.");

        var events = app.MapGroup("/api/carrier-events").WithTags("Carrier events");
        events.MapPost("/", RecordEvents).RequireAuthorization(Policies.StaffOrIntegration)
            .WithSummary("One carrier event, an array of events, or {\"events\":[…]}. Idempotent: the same event twice is stored once. Batches store the good events and report the bad ones by index.");
        events.MapGet("/unmatched", Unmatched).RequireAuthorization(Policies.Staff)
            .WithSummary("Events whose tracking number matches no shipment yet; they are matched when the shipment arrives.");
        return app;
    }

    private static async Task<Created<OrderDto>> CreateOrder(CreateOrderRequest request, OrderOperations operations, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var order = await operations.CreateAsync(request, Actor.From(user), ct);
        var dto = await queries.GetAsync(order.Number, ct);
        return TypedResults.Created($"/api/orders/{Uri.EscapeDataString(dto.Number)}", dto);
    }

    private static async Task<Ok<BulkOrdersResult>> CreateOrders(BulkOrdersRequest request, OrderOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Orders is null)
        {
            throw ValidationFailed.For("orders", "This field is required: an array of orders.");
        }

        return TypedResults.Ok(await operations.CreateManyAsync(request.Orders!, Actor.From(user), ct));
    }

    private static async Task<Ok<BulkOrdersResult>> ImportCsv(HttpRequest http, BridgelineDb db, OrderOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        if (http.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationFailed.For("Content-Type", "Send the file as text/csv.");
        }

        using var reader = new StreamReader(http.Body);
        var text = await reader.ReadToEndAsync(ct);
        var parsed = await OrderCsv.ParseAsync(db, text, ct);
        var result = await operations.CreateManyAsync(parsed.Orders, Actor.From(user), ct);
        return TypedResults.Ok(OrderCsv.WithRowErrors(result, parsed));
    }

    private static Task<OrderDto> GetOrder(string number, OrderQueries queries, CancellationToken ct) => queries.GetAsync(number, ct);

    private static Task<List<OrderDto>> CustomerOrders(Guid id, int? limit, OrderQueries queries, CancellationToken ct) =>
        queries.ForCustomerAsync(id, Math.Clamp(limit ?? 50, 1, 200), ct);

    private static async Task<NoContent> ReportNotReceived(Guid id, OrderOperations operations, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.ReportNotReceivedAsync(id, Actor.From(user), ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<OrderDto>> CaseOrders(string number, BridgelineDb db, OrderQueries queries, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await queries.ForCaseAsync(@case.Id, ct);
    }

    private static async Task<List<OrderDto>> AttachOrder(string number, AttachOrderRequest request, BridgelineDb db, OrderOperations operations, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        await operations.AttachToCaseAsync(number, request, Actor.From(user), ct);
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await queries.ForCaseAsync(@case.Id, ct);
    }

    private static async Task<Created<FollowUpDto>> OpenFollowUp(string number, FollowUpRequest request, BridgelineDb db, OrderOperations operations, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var followUp = await operations.OpenFollowUpAsync(number, request, Actor.From(user), ct);
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        var dto = (await queries.FollowUpsAsync(@case, ct)).Single(f => f.Id == followUp.Id);
        return TypedResults.Created($"/api/cases/{@case.DisplayNumber}/carrier-follow-ups#{dto.Id}", dto);
    }

    private static async Task<List<FollowUpDto>> FollowUps(string number, BridgelineDb db, OrderQueries queries, CancellationToken ct)
    {
        var @case = await CaseQueries.LoadAsync(db, number, ct);
        return await queries.FollowUpsAsync(@case, ct);
    }

    private static async Task<IResult> RecordEvents(JsonElement body, RecordCarrierEvents record, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        if (body.ValueKind == JsonValueKind.Object && !body.TryGetProperty("events", out _))
        {
            var single = await record.RecordAsync(new List<CarrierEventRequest?> { Deserialize(body, options) }, ct);
            if (single.Errors.Count > 0)
            {
                throw new ValidationFailed(single.Errors[0].Errors);
            }

            return single.Stored == 1 ? TypedResults.Created("/api/carrier-events", single) : TypedResults.Ok(single);
        }

        var array = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("events");
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw ValidationFailed.For("events", "Must be an array of events.");
        }

        var requests = array.EnumerateArray().Select(e => Deserialize(e, options)).ToList();
        return TypedResults.Ok(await record.RecordAsync(requests, ct));
    }

    private static CarrierEventRequest? Deserialize(JsonElement element, JsonSerializerOptions options)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize<CarrierEventRequest>(options);
        }
        catch (JsonException)
        {
            // A field of the wrong type (a number for a date): reported as a bad event by its index.
            return new CarrierEventRequest(null, null, null, null, null, null, null);
        }
    }

    private static Task<List<UnmatchedEventDto>> Unmatched(int? limit, OrderQueries queries, CancellationToken ct) =>
        queries.UnmatchedAsync(Math.Clamp(limit ?? 100, 1, 1000), ct);
}
