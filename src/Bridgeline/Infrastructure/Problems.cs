namespace Bridgeline.Infrastructure;

/// <summary>
/// The closed set of outcomes an operation can end in besides success. Each maps to one
/// Problem Details response in <see cref="ProblemExceptionHandler"/>, and pages show their message.
/// </summary>
public abstract class BridgelineProblem(string message) : Exception(message)
{
    public abstract int StatusCode { get; }

    public abstract string Title { get; }

    public virtual IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>Input that names fields and says what is wrong with each (400).</summary>
public sealed class ValidationFailed(IDictionary<string, string[]> errors)
    : BridgelineProblem("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public override int StatusCode => StatusCodes.Status400BadRequest;

    public override string Title => "One or more fields are invalid.";

    public static ValidationFailed For(string field, string reason) => new(new Dictionary<string, string[]> { [field] = [reason] });
}

public sealed class NotFoundProblem(string what) : BridgelineProblem(what + " was not found.")
{
    public override int StatusCode => StatusCodes.Status404NotFound;

    public override string Title => "Not found.";
}

public sealed class ConflictProblem(string message, IDictionary<string, object?>? extensions = null) : BridgelineProblem(message)
{
    public override int StatusCode => StatusCodes.Status409Conflict;

    public override string Title => "Conflict.";

    public override IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>Well-formed input that the domain refuses, such as a junk wrap-up (422).</summary>
public sealed class UnprocessableProblem(string message, IDictionary<string, object?>? extensions = null) : BridgelineProblem(message)
{
    public override int StatusCode => StatusCodes.Status422UnprocessableEntity;

    public override string Title => "The request was understood but refused.";

    public override IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

public sealed class ForbiddenProblem(string message) : BridgelineProblem(message)
{
    public override int StatusCode => StatusCodes.Status403Forbidden;

    public override string Title => "Forbidden.";
}
