using System.Security.Claims;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>POST /events/{eventId}/publish: Draft → Published (the event must start in the future). Optional If-Match.</summary>
public static class PublishEvent
{
    public const string Name = nameof(PublishEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/publish", HandleAsync)
            .WithName(Name)
            .RequireAuthorization();

    internal static Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        EventStore store,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct) =>
        EventChanges.AnswerAsync(user, store, eventId, ifMatch, response, (e, caller) => e.Publish(caller, clock), ct);
}
