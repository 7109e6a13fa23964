using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bridgeline.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bridgeline.Actions;

/// <summary>Where the webhook connector sends actions (section <c>Actions:Webhook</c>; chosen with <c>Actions:Connector=webhook</c>).</summary>
public sealed class WebhookConnectorOptions
{
    public const string Section = "Actions:Webhook";

    public string? Url { get; set; }

    /// <summary>Shared secret for the HMAC-SHA256 signature in <c>X-Bridgeline-Signature</c>.</summary>
    public string? Secret { get; set; }

    public int Attempts { get; set; } = 3;

    public int FirstRetryDelayMilliseconds { get; set; } = 200;

    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Hands each executed action to the company's own back-office system: a JSON POST signed with HMAC-SHA256 over the body
/// (<c>X-Bridgeline-Signature: sha256=&lt;hex&gt;</c>), carrying the action id as <c>Idempotency-Key</c> so the receiver can
/// ignore a retry it already applied. Network errors, timeouts, 408, 429 and 5xx are retried with a growing delay; when every
/// attempt fails the action is refused (422) and nothing is recorded. The receiver may answer <c>{"reference":"…"}</c>.
/// </summary>
public sealed class WebhookConnector(HttpClient http, IOptions<WebhookConnectorOptions> options) : IActionConnector
{
    public const string SignatureHeader = "X-Bridgeline-Signature";

    public async Task<string> ExecuteAsync(ResolutionAction action, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Url) || string.IsNullOrEmpty(o.Secret))
        {
            throw new InvalidOperationException("Actions:Connector is webhook but Actions:Webhook:Url or Actions:Webhook:Secret is not set.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = action.Id,
            caseId = action.CaseId,
            customerId = action.CustomerId,
            kind = Names.Of(action.Kind),
            amount = action.Amount is { } a ? Money.Of(a, action.Currency ?? "") : null,
            target = new { type = Names.Of(action.TargetType), @ref = action.Target },
            serviceLevel = action.ServiceLevel,
            reason = action.Reason,
            requestedBy = action.RequestedByName,
        }, JsonSerializerOptions.Web);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(o.Secret), body));
        var delay = TimeSpan.FromMilliseconds(o.FirstRetryDelayMilliseconds);
        string? last = null;
        for (var attempt = 1; attempt <= Math.Max(1, o.Attempts); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(SignatureHeader, signature);
            request.Headers.Add("Idempotency-Key", action.Id.ToString("D", CultureInfo.InvariantCulture));
            request.Headers.Add("X-Bridgeline-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
                using var response = await http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return "webhook:" + (ReferenceIn(text) ?? action.Id.ToString("D", CultureInfo.InvariantCulture));
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                if (!Retryable(response.StatusCode))
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                last = e.Message;
            }

            if (attempt < o.Attempts)
            {
                await Task.Delay(delay, ct);
                delay *= 2;
            }
        }

        throw new UnprocessableProblem($"The back-office system did not accept the {Names.Label(action.Kind).ToLowerInvariant()} ({last}). Nothing was done; try again.");
    }

    private static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string? ReferenceIn(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
