using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>PATCH /events/{eventId}/sessions/{sessionId}: rename or move a session.</summary>
public static class UpdateSession
{
    public const string Name = nameof(UpdateSession);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}/sessions/{sessionId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string sessionId, SessionInput? body, Caller caller, Organizing organizing, SetupStore setups, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        if (!managed.Value.Setup.Sessions.TryGetValue(sessionId, out var current))
        {
            return Problems.For(new NotFound("session", sessionId));
        }

        var updated = current.Update(body ?? new SessionInput());
        if (!updated.IsSuccess)
        {
            return Problems.For(updated.Error);
        }

        if (updated.Value.Version != current.Version && !await setups.PutSessionAsync(updated.Value, current.Version, ct))
        {
            return Problems.For(new Conflict("The session changed meanwhile; read it again and reapply the change."));
        }

        return TypedResults.Ok(SessionResponse.From(updated.Value));
    }
}
