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

/// <summary>GET /me/waiting-list?limit=&amp;cursor=: the caller's waiting-list entries (any status, with their offers), newest first.</summary>
public static class ListMyWaitingList
{
    public const string Name = nameof(ListMyWaitingList);

    public const string Path = "/me/waiting-list";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<WaitingListPageResponse>, ProblemHttpResult>> HandleAsync(string? limit, string? cursor, Caller caller, ListingStore listings, CancellationToken ct)
    {
        var size = PageSize.Parse(limit, cursorIsOfListing: ListingStore.IsCursorOf(cursor, ListingStore.OwnedScope(TicketingItems.WaitRecord, caller.Id)));
        if (!size.IsSuccess)
        {
            return Problems.For(size.Error);
        }

        var page = await listings.ListOwnedAsync(caller.Id, TicketingItems.WaitRecord, size.Value, cursor, StorageJson.Default.WaitingListEntry, ct);
        return TypedResults.Ok(new WaitingListPageResponse([.. page.Items.Select(e => WaitingListEntryResponse.From(e))], page.NextCursor));
    }
}
