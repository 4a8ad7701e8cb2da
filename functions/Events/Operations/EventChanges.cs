using System.Security.Claims;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// Read, decide, write-if-unchanged: how every change of an existing event runs. Who may change it
/// is checked before If-Match (an event the caller can't see stays a 404, not a 412). The write is
/// conditional on the version that was read; when someone else wrote first the change is
/// recomputed on the fresh event (a few times), unless the client pinned a version with If-Match.
/// </summary>
internal static class EventChanges
{
    public const int MaxAttempts = 3;

    /// <summary>A whole change operation: the caller, the change applied, 200 with the event or a problem.</summary>
    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> AnswerAsync(
        ClaimsPrincipal user,
        EventStore store,
        string eventId,
        string? ifMatch,
        HttpResponse response,
        Func<Event, Caller, Result<Event>> change,
        CancellationToken ct)
    {
        var caller = user.RequireCaller();
        if (!caller.IsSuccess)
        {
            return Problems.For(caller.Error);
        }

        var result = await ApplyAsync(store, eventId, caller.Value, ifMatch, e => change(e, caller.Value), ct);
        return result.IsSuccess ? EventResults.Ok(result.Value, response) : Problems.For(result.Error);
    }

    public static async Task<Result<Event>> ApplyAsync(
        EventStore store, string eventId, Caller caller, string? ifMatch, Func<Event, Result<Event>> change, CancellationToken ct)
    {
        if (!EventIds.IsWellFormed(eventId))
        {
            return new NotFound(EventAccess.Resource, eventId);
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(eventId, consistent: true, ct);
            if (current is null)
            {
                return new NotFound(EventAccess.Resource, eventId);
            }

            if (current.CheckCanChange(caller) is { } denied)
            {
                return denied;
            }

            var currentETag = ETags.ForVersion(current.Version);
            switch (ETags.EvaluateIfMatch(ifMatch, currentETag))
            {
                case IfMatchResult.Malformed:
                    return new ValidationFailed(ETags.IfMatchField, "must be an entity tag from this event's ETag header, such as \"v3\", or *.");
                case IfMatchResult.DoesNotMatch:
                    return new PreconditionFailed($"The event has changed since that version; its ETag is now {currentETag}. Read it again and reapply the change.");
            }

            var changed = change(current);
            if (!changed.IsSuccess || changed.Value.Version == current.Version)
            {
                return changed;
            }

            if (await store.ReplaceAsync(changed.Value, current.Version, ct))
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
