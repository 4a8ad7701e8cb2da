using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Issued;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /events/{eventId}/tickets/{ticketId}/void with a reason: the event's organizer (or an admin)
/// voids one ticket, and from then on every scan of it is refused ("void"). It gives no seat back
/// and refunds nothing: cancelling the order does that. Conditional on the version read.
/// </summary>
public static class VoidTicket
{
    public const string Name = nameof(VoidTicket);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/tickets/{ticketId}/void", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string ticketId, VoidTicketRequest? body, Caller caller, IssuedTickets tickets, OrderStore orders, TimeProvider clock, CancellationToken ct)
    {
        var managed = await tickets.ForOrganizerAsync(eventId, ticketId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var ticket = managed.Value;
        var voided = ticket.VoidByOrganizer(body?.Reason, clock.GetUtcNow());
        if (!voided.IsSuccess)
        {
            return Problems.For(voided.Error);
        }

        return await orders.ReplaceTicketAsync(voided.Value, ticket.Version, [], ct)
            ? TypedResults.Ok(TicketResponse.From(voided.Value, null))
            : Problems.For(new Conflict("The ticket changed while it was being voided: read it again."));
    }
}
