using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Changes;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// PATCH /events/{eventId}: fields present replace, fields missing or null stay (an empty string
/// clears description or coverImageKey; a venue is replaced whole). Optional If-Match: a stale ETag
/// gets 412. Drafts and published events only. A published event moved in time or to another venue
/// writes EventChanged (what changed) to the outbox in the same transaction, for ticket holders to be told.
/// </summary>
public static class UpdateEvent
{
    public const string Name = nameof(UpdateEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(EventChanges.Problems);

    internal static Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] EventChange change, UpdateEventRequest? body, TimeProvider clock) =>
        change.AnswerAsync(e => e.Update(body?.ToInput() ?? new EventInput(), clock));
}
