using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>GET /events/{eventId}, anonymous: a published, cancelled or completed event; a draft is 404.</summary>
public static class GetEvent
{
    public const string Name = nameof(GetEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        EventStore store,
        HttpResponse response,
        CancellationToken ct)
    {
        var e = await store.GetAsync(eventId, consistent: false, ct);
        var visible = EventAccess.ForPublic(e, eventId);
        return visible.IsSuccess ? EventResults.Ok(visible.Value, response) : Problems.For(visible.Error);
    }
}
