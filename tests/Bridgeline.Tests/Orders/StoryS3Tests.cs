using System.Net;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Orders;

/// <summary>S3 "The tracking number": the agent knows more than the customer, in seconds.</summary>
public abstract class StoryS3Tests(BridgelineApp app)
{
    // A USPS IMpb number with a valid mod-10 check digit, printed in groups as a shop's system might hold it.
    private const string UspsNumber = "9400 1118 9922 3197 4284 97";

    /// <summary>An article in the knowledge base for the anomaly, as a supervisor would write it.</summary>
    private async Task<string> WriteCarrierNeverReceivedArticleAsync()
    {
        var slug = "carrier-never-received-" + Guid.NewGuid().ToString("N")[..6];
        await app.Admin.PostJsonAsync<System.Text.Json.JsonElement>("/api/articles", new
        {
            title = "Carrier never received the parcel",
            slug,
            body = "The only event is the label. Offer a reship by express at no charge, or a refund.",
            visibility = "internal",
            anomalies = new[] { "carrier_never_received" },
        });
        return slug;
    }

    [Fact]
    public async Task OrderWhoseOnlyEventIsTheLabel_IsFlaggedCarrierNeverReceived_AndTheAgentReshipsExpressAtNoCharge()
    {
        using (await app.Admin.SendJsonAsync(HttpMethod.Post, "/api/teams", new { name = "Carrier Follow-up" }))
        {
        }

        await WriteCarrierNeverReceivedArticleAsync();
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { $"{Guid.NewGuid():N}@example.com" }, phones = new[] { "+1 555-867-5309" } });
        var orderNumber = "C-1001-" + Guid.NewGuid().ToString("N")[..6];
        var labelled = app.Clock.GetUtcNow().AddDays(-7);

        // The shop sends the order with its "shipping number"; the carrier sends its one event.
        var created = await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new
        {
            number = orderNumber,
            customerId = customer.Id,
            placedAt = labelled.AddDays(-1),
            total = new { amount = "80.00", currency = "USD" },
            shipments = new[] { new { shippingNumber = UspsNumber, shippedAt = labelled, serviceLevel = "ground" } },
        });
        var shipment = Assert.Single(created.Shipments);
        Assert.Equal("usps", shipment.Recognised.Carrier);
        Assert.Equal("tracking_number", shipment.Recognised.Kind);
        Assert.Equal("94001118992231974284 97".Replace(" ", ""), shipment.TrackingNumber);

        var events = await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new
        {
            trackingNumber = UspsNumber,
            code = "GX",
            description = "Shipping Label Created, USPS Awaiting Item",
            location = "BROOKLYN PARK, MN 55445",
            occurredAt = labelled,
        });
        Assert.Equal(1, events.Matched);

        // A call comes in; the case is about the order and shows it without a click.
        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = $"Where is my order {orderNumber}?", channel = "phone" });
        await agent.Client.PostJsonAsync<List<OrderJson>>($"/api/cases/{@case.Number}/orders", new { orderNumber });
        var onCase = Assert.Single(await agent.Client.GetJsonAsync<List<OrderJson>>($"/api/cases/{@case.Number}/orders"));
        var anomaly = Assert.Single(onCase.Shipments.Single().Anomalies);
        Assert.Equal("carrier_never_received", anomaly.Type);
        Assert.Equal("Carrier never received the parcel", anomaly.Title);
        Assert.Equal("Shipping Label Created, USPS Awaiting Item", anomaly.Evidence.LastEvent!.Description);
        Assert.Equal(7, anomaly.Evidence.AgeDays);
        Assert.Equal(5, anomaly.Evidence.AgeBusinessDays);
        Assert.StartsWith("/knowledge/", anomaly.ArticleUrl, StringComparison.Ordinal);
        var article = await agent.Client.GetJsonAsync<System.Text.Json.JsonElement>("/api/articles/" + anomaly.ArticleUrl!["/knowledge/".Length..]);
        Assert.Contains("carrier_never_received", article.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["reship", "refund"], anomaly.SuggestedActions.Select(a => a.Kind));
        Assert.True(anomaly.SuggestedActions[0].NoChargeUpgrade);
        Assert.Equal("express", anomaly.SuggestedActions[0].ServiceLevel);

        // The same anomaly is on the order itself.
        var order = await agent.Client.GetJsonAsync<OrderJson>($"/api/orders/{orderNumber}");
        Assert.Equal("carrier_never_received", Assert.Single(order.Anomalies).Type);

        // The agent reships by express at no charge.
        using var reship = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new
        {
            kind = "reship",
            target = shipment.Id.ToString(),
            serviceLevel = "express",
            noChargeUpgrade = true,
            reason = "Carrier never received the parcel.",
        }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, reship.StatusCode);
        var action = await reship.ReadAsync<ActionJson>();
        Assert.Equal("executed", action.Status);
        var upgrade = Assert.Single(action.Related);
        Assert.Equal("shipping_upgrade_no_charge", upgrade.Kind);
        Assert.Equal("executed", upgrade.Status);
        Assert.Equal(new MoneyJson("0.00", "USD"), upgrade.Amount);

        // The new shipment is on the order and the case, linked to the original, marked as a no-charge upgrade.
        var after = Assert.Single(await agent.Client.GetJsonAsync<List<OrderJson>>($"/api/cases/{@case.Number}/orders"));
        Assert.Equal(2, after.Shipments.Count);
        var replacement = after.Shipments.Single(s => s.ReshipOf == shipment.Id);
        Assert.True(replacement.NoChargeUpgrade);
        Assert.Equal("express", replacement.ServiceLevel);
        Assert.Empty(after.Anomalies);
        Assert.Equal(2, (await agent.Client.GetJsonAsync<OrderJson>($"/api/orders/{orderNumber}")).Shipments.Count);

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        var done = Assert.Single(timeline.Items, i => i.EventType == "action_executed");
        Assert.Contains("no charge", done.Body);
        Assert.Contains(timeline.Items, i => i.EventType == "order_attached");
        var audit = await agent.Client.GetJsonAsync<List<AuditJson>>($"/api/cases/{@case.Number}/audit");
        Assert.Contains(audit, a => a.Action == "action_executed" && a.Actor == agent.Name);

        // The carrier follow-up: internal, assigned to the team, nowhere on the customer's timeline.
        var followUp = await agent.Client.PostJsonAsync<FollowUpJson>($"/api/cases/{@case.Number}/carrier-follow-ups", new { shipmentId = shipment.Id });
        Assert.Equal("Carrier Follow-up", followUp.Team);
        Assert.Equal("internal", followUp.Visibility);
        Assert.Equal(shipment.TrackingNumber, followUp.TrackingNumber);
        Assert.Single(await agent.Client.GetJsonAsync<List<FollowUpJson>>($"/api/cases/{@case.Number}/carrier-follow-ups"));
        var customerTimeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{customer.Id}/timeline");
        Assert.DoesNotContain(customerTimeline.Items, i => (i.Body ?? "").Contains("follow-up", StringComparison.OrdinalIgnoreCase) || (i.EventType ?? "").Contains("follow", StringComparison.Ordinal));
        Assert.DoesNotContain(customerTimeline.Items, i => i.Direction == "outbound");
    }

    [Fact]
    public async Task CasePage_ShowsTheAnomalyWithEvidenceArticleAndActions_AndReshipsFromItsButton()
    {
        using (await app.Admin.SendJsonAsync(HttpMethod.Post, "/api/teams", new { name = "Carrier Follow-up" }))
        {
        }

        await WriteCarrierNeverReceivedArticleAsync();
        const string password = "agent-password-s3";
        var agent = await app.CreateStaffAsync("agent", password: password);
        var customer = await agent.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "John Smith", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var orderNumber = "C-1001-" + Guid.NewGuid().ToString("N")[..6];
        var labelled = app.Clock.GetUtcNow().AddDays(-7);
        var digits = "9400111899" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = digits + Bridgeline.Orders.Tracking.TrackingNumbers.Mod10CheckDigit(digits).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await agent.Client.PostJsonAsync<OrderJson>("/api/orders", new { number = orderNumber, customerId = customer.Id, total = new { amount = "80.00", currency = "USD" }, shipments = new[] { new { shippingNumber = number, shippedAt = labelled } } });
        await agent.Client.PostJsonAsync<EventsResultJson>("/api/carrier-events", new { trackingNumber = number, code = "GX", description = "Shipping Label Created, USPS Awaiting Item", occurredAt = labelled });
        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Where is my order?", channel = "phone" });
        await agent.Client.PostJsonAsync<List<OrderJson>>($"/api/cases/{@case.Number}/orders", new { orderNumber });

        // The agent signs in and opens the case: the order is there without a click.
        // Cookies are kept by hand: the server's clock is the test's, so a cookie jar on the real clock would call them expired.
        var browser = new Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        var login = await browser.GetStringAsync("/login");
        using (var signedIn = await browser.PostFormAsync("/login", new()
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token(login),
            ["Form.Email"] = agent.Email,
            ["Form.Password"] = password,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var page = await browser.GetStringAsync($"/cases/{@case.Number}");
        Assert.Contains("Carrier never received the parcel", page);
        Assert.Contains("USPS", page);
        Assert.Contains("Shipping Label Created, USPS Awaiting Item", page);
        Assert.Contains("7 days ago (5 business days)", page);
        // The anomaly's article link opens the article for the signed-in agent.
        var articleUrl = System.Text.RegularExpressions.Regex.Match(page, "<a href=\"([^\"]+)\" data-testid=\"article\"").Groups[1].Value;
        Assert.StartsWith("/knowledge/", articleUrl, StringComparison.Ordinal);
        var articlePage = await browser.GetStringAsync(articleUrl);
        Assert.Contains("<h1>Carrier never received the parcel</h1>", articlePage);
        Assert.Contains("Offer a reship by express at no charge", articlePage);
        using (var missing = await browser.GetAsync("/knowledge/no-such-article"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Contains("Reship by express at no charge", page);
        Assert.Contains("Refund the order", page);

        var reship = System.Text.RegularExpressions.Regex.Match(page, "value=\"(reship:[^\"]+)\"").Groups[1].Value;
        using (var posted = await browser.PostFormAsync($"/cases/{@case.Number}", new()
        {
            ["_handler"] = "order-panel",
            ["__RequestVerificationToken"] = Token(page),
            ["Act.Command"] = reship,
        }))
        {
            Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, posted.StatusCode.ToString());
        }

        var after = await browser.GetStringAsync($"/cases/{@case.Number}");
        Assert.Contains("no-charge upgrade", after);
        Assert.Contains("Shipping upgrade no charge", after);
        Assert.DoesNotContain("Carrier never received the parcel", after);
        var shipments = Assert.Single(await agent.Client.GetJsonAsync<List<OrderJson>>($"/api/cases/{@case.Number}/orders")).Shipments;
        Assert.Equal(2, shipments.Count);
        Assert.True(shipments[1].NoChargeUpgrade);
    }

    private static string Token(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
}

/// <summary>A client that keeps cookies by name, whatever their expiry says.</summary>
internal sealed class Browser(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<string> GetStringAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {response.Headers.Location} {text[..Math.Min(3000, text.Length)]}");
        return text;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        return response;
    }
}

public sealed class StoryS3TestsOnSqlite(SqliteApp app) : StoryS3Tests(app), IClassFixture<SqliteApp>;

public sealed class StoryS3TestsOnPostgres(PostgresApp app) : StoryS3Tests(app), IClassFixture<PostgresApp>;
