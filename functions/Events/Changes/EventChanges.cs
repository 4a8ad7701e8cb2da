using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Events.Changes;

/// <summary>
/// What every change of an existing event binds (<c>[AsParameters]</c>): the event's id (already
/// well formed: the platform answers 404 otherwise), If-Match, the signed-in caller, the store.
/// </summary>
internal readonly record struct EventChange
{
    public required string EventId { get; init; }

    [FromHeader(Name = ETags.IfMatchField)]
    public string? IfMatch { get; init; }

    public required Caller Caller { get; init; }

    public required EventStore Store { get; init; }

    public required EventMessages Messages { get; init; }

    public required HttpResponse Response { get; init; }

    public CancellationToken RequestAborted { get; init; }

    /// <summary>Applies <paramref name="change"/> (see <see cref="EventChanges"/>): 200 with the event and its ETag, or the problem.</summary>
    public async Task<Results<Ok<EventResponse>, ProblemHttpResult>> AnswerAsync(Func<ManagedEvent, Result<Event>> change)
    {
        var result = await EventChanges.ApplyAsync(Store, Messages, EventId, Caller, IfMatch, change, RequestAborted);
        return result.IsSuccess ? EventResults.Ok(result.Value, Response) : Infrastructure.Http.Problems.For(result.Error);
    }
}

/// <summary>
/// Read, decide, write-if-unchanged: how every change of an existing event runs (with the domain
/// events it causes, <see cref="EventMessages"/>, in the same transaction). Who may change it
/// is checked once, before If-Match (an event the caller can't see stays a 404, not a 412). The
/// write is conditional on the version that was read; when someone else wrote first the change is
/// recomputed on the fresh event (a few times), unless the client pinned a version with If-Match.
/// </summary>
internal static class EventChanges
{
    public const int MaxAttempts = 3;

    /// <summary>What a change can answer besides success: invalid input or If-Match, not allowed, no such event, state or concurrency, stale If-Match.</summary>
    public static readonly int[] Problems =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict,
        StatusCodes.Status412PreconditionFailed,
    ];

    public static async Task<Result<Event>> ApplyAsync(
        EventStore store, EventMessages messages, string eventId, Caller caller, string? ifMatch, Func<ManagedEvent, Result<Event>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(eventId, consistent: true, ct);
            var managed = EventAccess.Manage(current, eventId, caller);
            if (!managed.IsSuccess)
            {
                return managed.Error;
            }

            var currentETag = ETags.ForVersion(managed.Value.Event.Version);
            switch (ETags.EvaluateIfMatch(ifMatch, currentETag))
            {
                case IfMatchResult.Malformed:
                    return new ValidationFailed(ETags.IfMatchField, "must be an entity tag from this event's ETag header, such as \"v3\", or *.");
                case IfMatchResult.DoesNotMatch:
                    return new PreconditionFailed($"The event has changed since that version; its ETag is now {currentETag}. Read it again and reapply the change.");
            }

            var version = managed.Value.Event.Version;
            var changed = change(managed.Value);
            if (!changed.IsSuccess || changed.Value.Version == version)
            {
                return changed;
            }

            // The domain events the change causes go to the outbox in the same transaction.
            if (await store.ReplaceAsync(changed.Value, version, messages.For(managed.Value.Event, changed.Value), ct))
            {
                return changed;
            }

            if (!string.IsNullOrEmpty(ifMatch))
            {
                return new PreconditionFailed("The event changed while this request was being applied. Read it again and reapply the change.");
            }

            if (attempt == MaxAttempts)
            {
                return new Conflict("The event is being changed by others at the same time; try again.");
            }
        }
    }
}
