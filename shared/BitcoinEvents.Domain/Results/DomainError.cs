namespace BitcoinEvents.Domain.Results;

/// <summary>
/// Why an operation did not happen. The HTTP layer turns each kind into one problem-details shape
/// (in one place); the domain only says what went wrong.
/// </summary>
public abstract record DomainError(string Detail);

/// <summary>One invalid field: <see cref="Field"/> is the JSON path as the client sent it ("venue.timeZone").</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>The input breaks one or more rules (400).</summary>
public sealed record ValidationFailed(IReadOnlyList<FieldError> Errors)
    : DomainError("One or more fields are invalid.")
{
    public ValidationFailed(string field, string reason)
        : this([new FieldError(field, reason)])
    {
    }
}

/// <summary>The resource is in a state that does not allow the action (409).</summary>
public sealed record InvalidStateTransition(string CurrentState, string Action)
    : DomainError($"Cannot {Action} while {CurrentState}.");

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed record NotFound(string Resource, string Id)
    : DomainError($"No {Resource} with id '{Id}'.");

/// <summary>The caller is known but may not do this (403).</summary>
public sealed record Forbidden(string Reason) : DomainError(Reason);

/// <summary>The caller is not signed in (401).</summary>
public sealed record Unauthenticated() : DomainError("Sign in to do this.");

/// <summary>Someone else changed the resource first, or the request collides with another (409).</summary>
public sealed record Conflict(string Reason) : DomainError(Reason);

/// <summary>A precondition the client set (If-Match) does not hold (412).</summary>
public sealed record PreconditionFailed(string Reason) : DomainError(Reason);

/// <summary>The request is well formed but cannot be processed as sent (422).</summary>
public sealed record Unprocessable(string Reason) : DomainError(Reason);

/// <summary>
/// An error that tells the client more than its detail, as members of its problem response (RFC
/// 9457 extension members): what is left, where to go next. Values are strings, numbers, booleans
/// or the domain's own records.
/// </summary>
public interface IProblemExtensions
{
    IEnumerable<KeyValuePair<string, object?>> Extensions { get; }
}
