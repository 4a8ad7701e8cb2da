using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Issued;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /tickets/{ticketId}/reassign with the new holder's name: the ticket gets a new revision and
/// a new signed QR token, so the QR issued before is refused at the door ("superseded"). The ticket
/// and TicketReassigned (with the new token, for the e-mail) are written in one transaction,
/// conditional on the version read. Its holder (or an admin) only; not once it is void or checked in.
/// </summary>
public static class ReassignTicket
{
    public const string Name = nameof(ReassignTicket);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/tickets/{ticketId}/reassign", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> HandleAsync(
        string ticketId, ReassignTicketRequest? body, Caller caller, IssuedTickets tickets, OrderStore orders, Issuing issuing, TimeProvider clock, CancellationToken ct)
    {
        var held = await tickets.ForHolderAsync(ticketId, caller, "reassign it", ct);
        if (!held.IsSuccess)
        {
            return Problems.For(held.Error);
        }

        var ticket = held.Value;
        var now = clock.GetUtcNow();
        var reassigned = ticket.Reassign(body?.HolderName, now);
        if (!reassigned.IsSuccess)
        {
            return Problems.For(reassigned.Error);
        }

        // Signed before the write: if the write fails, the token was never handed out.
        var signed = await issuing.SignAsync(reassigned.Value, ct);
        var message = new TicketReassignedV1(signed.Id, signed.EventId, signed.OwnerId, ticket.HolderName, signed.HolderName, now, signed.QrToken);
        var reassignedEvent = issuing.Event(
            message, MessagesJsonContext.Default.TicketReassignedV1, signed.Id, now, "TicketReassigned", signed.Id, signed.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await orders.ReplaceTicketAsync(signed, ticket.Version, [reassignedEvent], ct)
            ? TypedResults.Ok(TicketResponse.From(signed, signed.QrToken))
            : Problems.For(new Conflict("The ticket changed while it was being reassigned (checked in, voided or reassigned): read it again."));
    }
}
