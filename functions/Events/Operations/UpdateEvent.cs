using System.Security.Claims;
using BitcoinEvents.Domain.Events;
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

    internal static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        EventInput? body,
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

        var patch = body ?? new EventInput();
        var result = await EventChanges.ApplyAsync(store, eventId, caller.Value, ifMatch, e => e.Update(caller.Value, patch, clock), ct);
        return result.IsSuccess ? EventResults.Ok(result.Value, response) : Problems.For(result.Error);
    }
}
