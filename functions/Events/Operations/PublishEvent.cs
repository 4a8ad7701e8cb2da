using System.Security.Claims;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Http;
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

    internal static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        EventStore store,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct)
    {
        var caller = user.RequireCaller();
        if (!caller.IsSuccess)
        {
            return Problems.For(caller.Error);
        }

        var result = await EventChanges.ApplyAsync(store, eventId, caller.Value, ifMatch, e => e.Publish(caller.Value, clock), ct);
        return result.IsSuccess ? EventResults.Ok(result.Value, response) : Problems.For(result.Error);
    }
}
