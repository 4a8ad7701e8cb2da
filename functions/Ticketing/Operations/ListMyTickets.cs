using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
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
        var errors = new List<FieldError>();
        var size = PageSize.Parse(limit, errors);
        if (!ListingStore.IsCursorOf(cursor, ListingStore.OwnedScope(TicketingItems.TicketRecord, caller.Id)))
        {
            errors.Add(new FieldError(PageCursor.Field, "is not a cursor of this listing: pass nextCursor from the previous page unchanged."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await listings.ListOwnedAsync(caller.Id, TicketingItems.TicketRecord, size, cursor, StorageJson.Default.Ticket, ct);
        return TypedResults.Ok(new TicketPageResponse([.. page.Items.Select(t => TicketResponse.From(t, t.QrToken))], page.NextCursor));
    }
}
