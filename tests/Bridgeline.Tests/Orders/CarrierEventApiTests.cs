using System.Net;
using System.Text;
using Bridgeline.Orders;
using Bridgeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bridgeline.Tests.Orders;

public abstract class CarrierEventApiTests(BridgelineApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<(Staff Agent, CustomerJson Customer)> ArrangeAsync()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Ada Moss", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        return (agent, customer);
    }

    private static object Event(string number, string code, string description, DateTimeOffset at) =>
        new { trackingNumber = number, code, description, occurredAt = at };

    [Fact]
    public async Task SameEventTwice_IsStoredOnce()
    {
        var (agent, _) = await ArrangeAsync();
        var number = Unique("REF");
        var at = app.Clock.GetUtcNow().AddHours(-3);

        using var first = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/carrier-events", Event(number, "OA", "Accepted at USPS Origin Facility", at));
        using var second = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/carrier-events", Event(number, "OA", "Accepted at USPS Origin Facility", at));
        var batch = await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new[] { Event(number, "OA", "Accepted at USPS Origin Facility", at), Event(number, "OA", "Accepted at USPS Origin Facility", at) });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, (await second.ReadAsync<EventsResultJson>()).Stored);
        Assert.Equal(0, batch.Stored);
        Assert.Equal(2, batch.Duplicates);
        var unmatched = await agent.Client.GetJsonAsync<List<UnmatchedEventJson>>("/api/carrier-events/unmatched");
        Assert.Single(unmatched, e => e.TrackingNumber == number);
    }

    [Fact]
    public async Task EventBeforeItsShipment_IsKeptUnmatchedAndMatchedWhenTheShipmentArrives()
    {
        var (agent, customer) = await ArrangeAsync();
        var number = TestTrackingNumbers.NewUps();
        var at = app.Clock.GetUtcNow().AddHours(-5);
        var stored = await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new { events = new[] { Event(number, "D", "Delivered, front door", at) } });
        Assert.Equal(1, stored.Unmatched);
        var waiting = await agent.Client.GetJsonAsync<List<UnmatchedEventJson>>("/api/carrier-events/unmatched");
        Assert.Equal("ups", waiting.Single(e => e.TrackingNumber == number).Recognised.Carrier);

        var order = await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new
        {
            number = Unique("O-"),
            customerId = customer.Id,
            total = new { amount = "12.50", currency = "USD" },
            shipments = new[] { new { shippingNumber = number.ToLowerInvariant().Insert(6, " ") } },
        });

        var shipment = Assert.Single(order.Shipments);
        Assert.Equal("delivered", shipment.Status);
        Assert.Equal("Delivered, front door", shipment.LastEvent!.Description);
        var after = await agent.Client.GetJsonAsync<List<UnmatchedEventJson>>("/api/carrier-events/unmatched");
        Assert.DoesNotContain(after, e => e.TrackingNumber == number);
    }

    [Fact]
    public async Task BatchWithBadEvents_StoresTheGoodOnesAndReportsTheBadByIndex()
    {
        var (agent, _) = await ArrangeAsync();
        var number = Unique("REF");
        var at = app.Clock.GetUtcNow().AddHours(-1);
        var result = await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new object[]
        {
            Event(number, "GX", "Shipping Label Created", at.AddHours(-2)),
            new { trackingNumber = number, description = "No code", occurredAt = at },
            Event(number, "OA", "Accepted", at),
            new { trackingNumber = number, code = "10", description = "In transit" },
        });

        Assert.Equal(4, result.Received);
        Assert.Equal(2, result.Stored);
        Assert.Equal([1, 3], result.Errors.Select(e => e.Index));
        Assert.Contains("code", result.Errors[0].Errors.Keys);
        Assert.Contains("occurredAt", result.Errors[1].Errors.Keys);
    }

    [Fact]
    public async Task MalformedSingleEvent_Is400NamingTheField()
    {
        var (agent, _) = await ArrangeAsync();
        using var response = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/carrier-events", new { trackingNumber = "9400111899223197428497", code = "GX", occurredAt = app.Clock.GetUtcNow() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ProblemAsync()).ErrorsFor("description"));
    }

    [Theory]
    [InlineData("usps", "GX", "Shipping Label Created, USPS Awaiting Item", "label_created")]
    [InlineData("usps", "OA", "Accepted at USPS Origin Facility", "accepted_by_carrier")]
    [InlineData("usps", "T1", "Arrived at USPS Regional Facility", "in_transit")]
    [InlineData("ups", "O", "Out For Delivery Today", "out_for_delivery")]
    [InlineData(null, "ZZ", "Delivered, In/At Mailbox", "delivered")]
    [InlineData(null, "ZZ", "Delivery exception: address not found", "exception")]
    [InlineData(null, "ZZ", "Return to Sender Processed", "returned")]
    public async Task CarrierCodesAndWording_MapToTheNormalisedStatus(string? carrier, string code, string description, string status)
    {
        var (agent, customer) = await ArrangeAsync();
        var number = Unique("REF");
        await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new { number = Unique("O-"), customerId = customer.Id, total = new { amount = "1.00", currency = "USD" }, shipments = new[] { new { shippingNumber = number, carrier } } });
        await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new { trackingNumber = number, carrier, code, description, occurredAt = app.Clock.GetUtcNow() });

        var order = (await agent.Client.GetJsonAsync<List<OrderJson>>($"/api/customers/{customer.Id}/orders")).Single();
        Assert.Equal(status, order.Shipments.Single().Status);
    }

    [Fact]
    public async Task JsonFeedAdapter_RecordsItsEventsOnceHoweverOftenPolled()
    {
        var (agent, customer) = await ArrangeAsync();
        var number = Unique("FEED");
        await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new { number = Unique("O-"), customerId = customer.Id, total = new { amount = "5.00", currency = "USD" }, shipments = new[] { new { shippingNumber = number } } });
        var path = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.json");
        var at = app.Clock.GetUtcNow().AddHours(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(path, $$"""[{"trackingNumber":"{{number}}","code":"PU","carrier":"fedex","description":"Picked up","occurredAt":"{{at}}"}]""");
        try
        {
            var worker = new CarrierPollingWorker(
                app.Services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new CarrierPollingOptions()),
                [],
                app.Clock,
                NullLogger<CarrierPollingWorker>.Instance);
            var source = new JsonFileCarrierEventSource(path);
            await worker.PollOnceAsync([source], CancellationToken.None);
            await worker.PollOnceAsync([source], CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }

        var shipment = (await agent.Client.GetJsonAsync<List<OrderJson>>($"/api/customers/{customer.Id}/orders")).Single().Shipments.Single();
        Assert.Equal("accepted_by_carrier", shipment.Status);
    }

    [Fact]
    public async Task BulkOrders_StoreTheValidOnesAndReportTheOthersByIndex()
    {
        var (agent, customer) = await ArrangeAsync();
        var good = Unique("B-");
        var result = await agent.Client.PostJsonAsync<BulkJson>("/api/orders/bulk", new
        {
            orders = new object[]
            {
                new { number = good, customerId = customer.Id, total = new { amount = "10.00", currency = "USD" } },
                new { number = Unique("B-"), customerId = customer.Id, total = new { amount = "-1", currency = "USD" } },
                new { number = Unique("B-"), customerId = customer.Id, total = new { amount = "10.00", currency = "XYZ" } },
                new { number = good, customerId = customer.Id, total = new { amount = "10.00", currency = "USD" } },
                new { number = Unique("B-"), customerId = Guid.NewGuid(), total = new { amount = "10.00", currency = "USD" }, shipments = new[] { new { shippingNumber = "n/a" } } },
            },
        });

        Assert.Equal([good], result.Created);
        Assert.Equal([1, 2, 3, 4], result.Errors.Select(e => e.Index));
        Assert.Contains("total.amount", result.Errors[0].Errors.Keys);
        Assert.Contains("total.currency", result.Errors[1].Errors.Keys);
        Assert.Contains("number", result.Errors[2].Errors.Keys);
        Assert.Contains("customerId", result.Errors[3].Errors.Keys);
        Assert.Contains("shipments[0].shippingNumber", result.Errors[3].Errors.Keys);
        using var again = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/orders", new { number = good, customerId = customer.Id, total = new { amount = "10.00", currency = "USD" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task CsvImport_CreatesOrdersWithShipmentsAndReportsBadRowsByLine()
    {
        var (agent, customer) = await ArrangeAsync();
        var a = Unique("CSV-");
        var b = Unique("CSV-");
        var csv = $"""
            order_number,customer_id,placed_at,total,currency,shipping_number,service_level,shipped_at
            {a},{customer.Id},2026-05-01,80.00,USD,9400 1118 9922 3197 4284 97,ground,2026-05-02T10:00:00Z
            {a},{customer.Id},2026-05-01,80.00,USD,1Z999AA10123456784,,2026-05-03
            "{b}",{customer.Id},not-a-date,5.00,USD,,,
            {Unique("CSV-")},{customer.Id},2026-05-01,5.00,ABC,,,
            """;
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await agent.Client.PostAsync("/api/orders/import", content);
        var result = await response.ReadAsync<BulkJson>();

        Assert.Equal([a], result.Created);
        Assert.Equal([4, 5], result.Errors.Select(e => e.Index));
        Assert.Contains("placed_at", result.Errors[0].Errors.Keys);
        var order = await agent.Client.GetJsonAsync<OrderJson>($"/api/orders/{a}");
        Assert.Equal(["usps", "ups"], order.Shipments.Select(s => s.Recognised.Carrier));
    }
}

public sealed record UnmatchedEventJson(string TrackingNumber, RecognisedJson Recognised, string Code, string Status);

public sealed class CarrierEventApiTestsOnSqlite(SqliteApp app) : CarrierEventApiTests(app), IClassFixture<SqliteApp>;

public sealed class CarrierEventApiTestsOnPostgres(PostgresApp app) : CarrierEventApiTests(app), IClassFixture<PostgresApp>;
