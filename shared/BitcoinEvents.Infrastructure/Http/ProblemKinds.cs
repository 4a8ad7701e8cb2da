using System.Collections.Frozen;
using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// One kind of problem the platform answers with: its HTTP status, its title, its stable
/// <see cref="Code"/> and the <see cref="Type"/> URI derived from it (docs/problems.md).
/// <see cref="Explanation"/> is the detail of a problem nobody gave one (the framework's own answers).
/// </summary>
public sealed record ProblemKind(string Code, int Status, string Title, string? Explanation = null)
{
    /// <summary>The RFC 9457 <c>type</c>: a tag URI that never changes for this kind (not meant to be dereferenced).</summary>
    public string Type => ProblemKinds.TypePrefix + Code.Replace('_', '-');
}

/// <summary>
/// The one table of problems: every domain error type, and every status the pipeline or the
/// framework answers on its own (malformed requests, unknown routes), maps to exactly one kind.
/// Adding a domain error is one line in <see cref="ByError"/>.
/// </summary>
public static class ProblemKinds
{
    /// <summary>Every <c>type</c> starts with this (RFC 4151 tag URI; see docs/problems.md).</summary>
    public const string TypePrefix = "tag:bitcoin-event-platform,2026:problems/";

    public static readonly ProblemKind ValidationFailed = new("validation_failed", StatusCodes.Status400BadRequest, "One or more fields are invalid.");
    public static readonly ProblemKind BadRequest = new("bad_request", StatusCodes.Status400BadRequest, "The request is malformed.", "The request could not be read.");
    public static readonly ProblemKind Unauthenticated = new("unauthenticated", StatusCodes.Status401Unauthorized, "Authentication required.", "Sign in: send a valid access or ID token as Authorization: Bearer <token>.");
    public static readonly ProblemKind Forbidden = new("forbidden", StatusCodes.Status403Forbidden, "Forbidden.", "The caller may not do this.");
    public static readonly ProblemKind NotFound = new("not_found", StatusCodes.Status404NotFound, "Not found.", "Nothing answers this method and path.");
    public static readonly ProblemKind MethodNotAllowed = new("method_not_allowed", StatusCodes.Status405MethodNotAllowed, "Method not allowed.", "This path does not answer this method; see the Allow header.");
    public static readonly ProblemKind InvalidStateTransition = new("invalid_state_transition", StatusCodes.Status409Conflict, "The resource's state does not allow this.");
    public static readonly ProblemKind Conflict = new("conflict", StatusCodes.Status409Conflict, "Conflict.");
    public static readonly ProblemKind NotEnoughSeats = new("not_enough_seats", StatusCodes.Status409Conflict, "Not enough seats left.");
    public static readonly ProblemKind PreconditionFailed = new("precondition_failed", StatusCodes.Status412PreconditionFailed, "Precondition failed.");
    public static readonly ProblemKind PayloadTooLarge = new("payload_too_large", StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "The request body is too large.");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported_media_type", StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body as application/json in UTF-8.");
    public static readonly ProblemKind Unprocessable = new("unprocessable", StatusCodes.Status422UnprocessableEntity, "Unprocessable request.");
    public static readonly ProblemKind InternalError = new("internal_error", StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The request failed on our side; it may be retried.");

    /// <summary>Domain error type → problem kind.</summary>
    private static readonly FrozenDictionary<Type, ProblemKind> ByError = new Dictionary<Type, ProblemKind>
    {
        [typeof(Domain.Results.ValidationFailed)] = ValidationFailed,
        [typeof(Domain.Results.Unauthenticated)] = Unauthenticated,
        [typeof(Domain.Results.Forbidden)] = Forbidden,
        [typeof(Domain.Results.NotFound)] = NotFound,
        [typeof(Domain.Results.InvalidStateTransition)] = InvalidStateTransition,
        [typeof(Domain.Results.Conflict)] = Conflict,
        [typeof(Domain.Ticketing.NotEnoughSeats)] = NotEnoughSeats,
        [typeof(Domain.Results.PreconditionFailed)] = PreconditionFailed,
        [typeof(Domain.Results.Unprocessable)] = Unprocessable,
    }.ToFrozenDictionary();

    /// <summary>What a bare status means when no domain error says more (status code pages, the framework's own answers).</summary>
    private static readonly FrozenDictionary<int, ProblemKind> ByStatus = new[]
    {
        BadRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, Conflict, PreconditionFailed,
        PayloadTooLarge, UnsupportedMediaType, Unprocessable, InternalError,
    }.ToFrozenDictionary(kind => kind.Status);

    /// <summary>Every kind, for documentation and tests.</summary>
    public static IReadOnlyList<ProblemKind> All { get; } =
    [
        ValidationFailed, BadRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, InvalidStateTransition,
        Conflict, NotEnoughSeats, PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, Unprocessable, InternalError,
    ];

    /// <summary>The kind of <paramref name="error"/>; a domain error missing from the table is a bug.</summary>
    public static ProblemKind Of(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ByError.TryGetValue(error.GetType(), out var kind)
            ? kind
            : throw new ArgumentOutOfRangeException(nameof(error), error, "This domain error is missing from the problem table (ProblemKinds).");
    }

    /// <summary>The kind a bare <paramref name="status"/> stands for; statuses outside the table get a generic kind (type about:blank).</summary>
    public static ProblemKind ForStatus(int status) =>
        ByStatus.TryGetValue(status, out var kind)
            ? kind
            : new ProblemKind(status >= 500 ? "server_error" : "client_error", status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.", "The request was not carried out.");

    /// <summary>Whether <paramref name="type"/> is one of the table's URIs.</summary>
    internal static bool IsPlatformType(string? type) => type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true;
}
