using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;

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
