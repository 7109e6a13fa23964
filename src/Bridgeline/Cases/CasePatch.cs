using System.Text.Json;
using Bridgeline.Infrastructure;

namespace Bridgeline.Cases;

/// <summary>
/// Reads a PATCH body where a field that is absent stays as it is and <c>"owner": null</c> unassigns:
/// a typed record cannot tell those two apart.
/// </summary>
public static class CasePatch
{
    public static UpdateCaseRequest Read(JsonElement body, out bool unassign)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ValidationFailed.For("body", "Expected a JSON object with the fields to change.");
        }

        var v = new Validator();
        unassign = body.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.Null;
        var request = new UpdateCaseRequest(
            String(v, body, "subject"),
            String(v, body, "status"),
            String(v, body, "priority"),
            String(v, body, "team") ?? String(v, body, "teamId"),
            String(v, body, "owner") ?? String(v, body, "ownerId"),
            String(v, body, "contactReason"),
            Tags(v, body),
            String(v, body, "reason"));
        v.ThrowIfInvalid();
        if (request == new UpdateCaseRequest(null, null, null, null, null, null, null, request.Reason) && !unassign)
        {
            throw ValidationFailed.For("body", "Nothing to change: give subject, status, priority, team, owner, contactReason or tags.");
        }

        return request;
    }

    private static string? String(Validator v, JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            v.Add(name, "Must be a string.");
            return null;
        }

        return value.GetString();
    }

    private static List<string>? Tags(Validator v, JsonElement body)
    {
        if (!body.TryGetProperty("tags", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            v.Add("tags", "Must be an array of strings.");
            return null;
        }

        return value.EnumerateArray().Select(t => t.GetString()!).ToList();
    }
}
