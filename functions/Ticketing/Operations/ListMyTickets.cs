using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /me/tickets?limit=&amp;cursor=: the caller's tickets, newest first, each with its current QR token.</summary>
public static class ListMyTickets
{
    public const string Name = nameof(ListMyTickets);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/me/tickets", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<TicketPageResponse>, ProblemHttpResult>> HandleAsync(string? limit, string? cursor, Caller caller, ListingStore listings, CancellationToken ct)
    {
        var size = PageSize.Parse(limit, cursorIsOfListing: ListingStore.IsCursorOf(cursor, ListingStore.OwnedScope(TicketingItems.TicketRecord, caller.Id)));
        if (!size.IsSuccess)
        {
            return Problems.For(size.Error);
        }

        var page = await listings.ListOwnedAsync(caller.Id, TicketingItems.TicketRecord, size.Value, cursor, StorageJson.Default.Ticket, ct);
        return TypedResults.Ok(new TicketPageResponse([.. page.Items.Select(t => TicketResponse.From(t, t.QrToken))], page.NextCursor));
    }
}
