using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>POST /events/{eventId}/sessions: a part of a multi-day event with its own door ("Day 1").</summary>
public static class CreateSession
{
    public const string Name = nameof(CreateSession);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/sessions", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<SessionResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, SessionInput? body, Caller caller, Organizing organizing, SetupStore setups, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        if (managed.Value.Setup.Sessions.Count >= TicketingRules.MaxSessionsPerEvent)
        {
            return Problems.For(new Conflict($"An event has at most {TicketingRules.MaxSessionsPerEvent} sessions."));
        }

        var created = Session.Create(TicketingIds.New(clock), eventId, body ?? new SessionInput());
        if (!created.IsSuccess)
        {
            return Problems.For(created.Error);
        }

        return await setups.PutSessionAsync(created.Value, null, ct)
            ? TypedResults.Created($"/events/{eventId}/sessions", SessionResponse.From(created.Value))
            : Problems.For(new Conflict("A session with the generated id exists; retry."));
    }
}
