using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bridgeline.Infrastructure;

/// <summary>
/// The one place where failures become RFC 9457 Problem Details. Domain outcomes keep their
/// message; malformed JSON names the field it broke on; anything else is a bare 500 with no stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ValidationFailed v => new ValidationProblemDetails(v.Errors) { Status = v.StatusCode, Title = v.Title },
            BridgelineProblem p => WithExtensions(new ProblemDetails { Status = p.StatusCode, Title = p.Title, Detail = p.Message }, p.Extensions),
            BadHttpRequestException bad when IsTooLarge(bad) => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
            },
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => null,
        };

        if (details is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            details = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }

        httpContext.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static bool IsTooLarge(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails WithExtensions(ProblemDetails details, IDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    private static ValidationProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        // Name the JSON path that broke, as "$.startedAt" → "startedAt", so an integrator sees which field to fix.
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (field.Length == 0)
        {
            field = "body";
        }

        var reason = json is not null
            ? "The value could not be read as the expected type" + (json.LineNumber is { } line ? $" (line {line + 1})." : ".")
            : bad.Message;

        // Unknown fields are refused rather than dropped: a misspelt "mesage" must not lose what the customer wrote.
        if (json is not null && UnmappedMember().Match(json.Message) is { Success: true } unmapped)
        {
            field = field == "body" ? unmapped.Groups[1].Value : field;
            reason = "Unknown field: this request has no field of that name (see /api-docs).";
        }

        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request could not be read.",
        };
    }
}
