using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bridgeline.Infrastructure;
using Bridgeline.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Bridgeline.Tests.Approvals;

/// <summary>
/// The server with <c>Actions:Connector=webhook</c>, pointed at a small back-office endpoint on 127.0.0.1
/// that answers each request with the next status it was told to give.
/// </summary>
public sealed class WebhookApp : BridgelineApp
{
    public const string Secret = "back-office-shared-secret";

    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    public ConcurrentQueue<(string Body, string? Signature, string? IdempotencyKey)> Received { get; } = new();

    public override async Task InitializeAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/back-office/actions/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Close();
        stop.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Actions:Connector", "webhook");
        builder.UseSetting("Actions:Webhook:Url", Url);
        builder.UseSetting("Actions:Webhook:Secret", Secret);
        builder.UseSetting("Actions:Webhook:FirstRetryDelayMilliseconds", "10");
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((body, context.Request.Headers["X-Bridgeline-Signature"], context.Request.Headers["Idempotency-Key"]));
            var status = Answers.TryDequeue(out var s) ? s : HttpStatusCode.OK;
            context.Response.StatusCode = (int)status;
            var answer = Encoding.UTF8.GetBytes(status == HttpStatusCode.OK ? "{\"reference\":\"BO-" + Received.Count + "\"}" : "{\"error\":\"busy\"}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}

public sealed class WebhookConnectorTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task ExecutedRefund_IsPostedSignedAndRetriedUntilTheBackOfficeAccepts()
    {
        var (supervisor, @case, order) = await ArrangeAsync();
        app.Received.Clear();
        app.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);

        var action = await supervisor.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order, reason = "Lost in transit" });

        Assert.Equal("executed", action.GetProperty("status").GetString());
        Assert.Equal("webhook:BO-2", action.GetProperty("executionReference").GetString());
        var attempts = app.Received.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        var (body, signature, key) = attempts[1];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookApp.Secret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(expected, signature);
        Assert.Equal(action.GetProperty("id").GetGuid().ToString(), key);
        var sent = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("refund", sent.GetProperty("kind").GetString());
        Assert.Equal("80.00", sent.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal(order, sent.GetProperty("target").GetProperty("ref").GetString());
    }

    [Fact]
    public async Task BackOfficeKeepsFailing_TheActionIsRefused422AndNothingIsRecorded()
    {
        var (supervisor, @case, order) = await ArrangeAsync();
        app.Received.Clear();
        for (var i = 0; i < 3; i++)
        {
            app.Answers.Enqueue(HttpStatusCode.InternalServerError);
        }

        using var response = await supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(3, app.Received.Count);
        Assert.Empty(await supervisor.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/actions"));
    }

    private async Task<(Staff Supervisor, CaseJson Case, string Order)> ArrangeAsync()
    {
        var supervisor = await app.CreateStaffAsync("supervisor");
        var customer = await supervisor.Client.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Rosa Park" });
        var order = "W-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await supervisor.Client.PostJsonAsync<JsonElement>("/api/orders", new { number = order, customerId = customer.Id, total = new { amount = "80.00", currency = "USD" } });
        var @case = await supervisor.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Refund please", channel = "chat" });
        return (supervisor, @case, order);
    }
}
