using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Issued;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /tickets/{ticketId}: a ticket, for its holder (with its QR token) and admins; its event's
/// organizer sees it without the token; anyone else 404.
/// </summary>
public static class GetTicket
{
    public const string Name = nameof(GetTicket);

    public static string PathOf(string ticketId) => $"/tickets/{ticketId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/tickets/{ticketId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> HandleAsync(string ticketId, Caller caller, IssuedTickets tickets, CancellationToken ct)
    {
        var visible = await tickets.ForReaderAsync(ticketId, caller, ct);
        return visible.IsSuccess
            ? TypedResults.Ok(TicketResponse.From(visible.Value.Ticket, visible.Value.IsHolder ? visible.Value.Ticket.QrToken : null))
            : Problems.For(visible.Error);
    }
}
