using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Orders;

/// <summary>Story S3's order: C-1001, shipped by USPS, whose only carrier event is the label, seven days old; attached to the demo case about it.</summary>
public sealed class OrdersDemo(BridgelineDb db, TimeProvider clock)
{
    public const string S3OrderNumber = "C-1001";
    public const string S3TrackingNumber = "9400 1118 9922 3197 4284 97";

    public static Task SeedAsync(BridgelineDb db, TimeProvider clock, CancellationToken ct) => new OrdersDemo(db, clock).SeedAsync(ct);

    public async Task SeedAsync(CancellationToken ct)
    {
        var customerId = await db.CustomerEmails.Where(e => e.Normalized == "john.smith@example.com").Select(e => (Guid?)e.CustomerId).FirstOrDefaultAsync(ct);
        if (customerId is null || await db.Set<Order>().AnyAsync(o => o.Number == S3OrderNumber, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var labelled = now.AddDays(-7);
        var orders = new OrderOperations(db, clock, Options.Create(new TrackingOptions()));
        await orders.CreateAsync(
            new CreateOrderRequest(S3OrderNumber, customerId, labelled.AddHours(-20), new MoneyRequest("80.00", "USD"), "shipped",
                [new OrderLineRequest("CHK-200", "Personal checks, 200 pack", 1, "80.00")],
                [new ShipmentRequest(S3TrackingNumber, null, "ground", labelled, labelled.AddDays(10))]),
            Actor.System,
            ct);
        await new RecordCarrierEvents(db, clock).RecordAsync(
            [new CarrierEventRequest(S3TrackingNumber, "usps", "GX", "Shipping Label Created, USPS Awaiting Item", "BROOKLYN PARK, MN 55445", labelled, null)],
            ct);

        var @case = await db.Cases.Where(c => c.CustomerId == customerId && c.Subject.Contains(S3OrderNumber)).OrderBy(c => c.Number).FirstOrDefaultAsync(ct);
        if (@case is not null)
        {
            await orders.AttachToCaseAsync(@case.DisplayNumber, new AttachOrderRequest(S3OrderNumber), Actor.System, ct);
        }
    }
}
