using System.Security.Claims;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// PATCH /events/{eventId}: fields present replace, fields missing or null stay (an empty string
/// clears description or coverImageKey; a venue is replaced whole). Optional If-Match: a stale ETag
/// gets 412. Drafts and published events only.
/// </summary>
public static class UpdateEvent
{
    public const string Name = nameof(UpdateEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization();

    internal static Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        EventInput? body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        EventStore store,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct) =>
        EventChanges.AnswerAsync(user, store, eventId, ifMatch, response, (e, caller) => e.Update(caller, body ?? new EventInput(), clock), ct);
}
