namespace Bridgeline.Infrastructure;

/// <summary>Collects every problem with a request before refusing it, so the caller fixes all fields at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            _errors[field] = reasons = [];
        }

        reasons.Add(reason);
        return this;
    }

    public string? Required(string field, string? value, int maxLength = 1000)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public string? Optional(string field, string? value, int maxLength = 1000)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public TEnum? Enum<TEnum>(string field, string? value, bool required)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "This field is required. Allowed: " + string.Join(", ", Names.Of<TEnum>()) + ".");
            }

            return null;
        }

        if (Names.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Add(field, $"'{value}' is not one of: {string.Join(", ", Names.Of<TEnum>())}.");
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailed(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
