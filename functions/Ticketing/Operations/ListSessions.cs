using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /events/{eventId}/sessions, anonymous: the event's sessions in time order.</summary>
public static class ListSessions
{
    public const string Name = nameof(ListSessions);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}/sessions", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<SessionListResponse>, ProblemHttpResult>> HandleAsync(string eventId, Organizing organizing, CancellationToken ct)
    {
        var visible = await organizing.ForPublicAsync(eventId, ct);
        return visible.IsSuccess
            ? TypedResults.Ok(new SessionListResponse([.. visible.Value.Setup.Sessions.Values.OrderBy(s => s.StartsAt).Select(SessionResponse.From)]))
            : Problems.For(visible.Error);
    }
}
