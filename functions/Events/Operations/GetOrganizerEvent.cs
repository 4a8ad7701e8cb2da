using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// GET /organizer/events/{eventId}: any status, for the event's organizer or an admin. Anyone else
/// gets 404, not 403, so other organizers' ids don't leak.
/// </summary>
public static class GetOrganizerEvent
{
    public const string Name = nameof(GetOrganizerEvent);

    public static string PathOf(string eventId) => $"/organizer/events/{eventId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        Caller caller,
        EventStore store,
        HttpResponse response,
        CancellationToken ct)
    {
        var e = await store.GetAsync(eventId, consistent: true, ct);
        var visible = EventAccess.ForOrganizer(e, eventId, caller);
        return visible.IsSuccess ? EventResults.Ok(visible.Value, response) : Problems.For(visible.Error);
    }
}
