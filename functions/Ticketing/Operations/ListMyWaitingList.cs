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
        var errors = new List<FieldError>();
        var size = PageSize.Parse(limit, errors);
        if (!ListingStore.IsCursorOf(cursor, ListingStore.OwnedScope(TicketingItems.WaitRecord, caller.Id)))
        {
            errors.Add(new FieldError(PageCursor.Field, "is not a cursor of this listing: pass nextCursor from the previous page unchanged."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await listings.ListOwnedAsync(caller.Id, TicketingItems.WaitRecord, size, cursor, StorageJson.Default.WaitingListEntry, ct);
        return TypedResults.Ok(new WaitingListPageResponse([.. page.Items.Select(e => WaitingListEntryResponse.From(e))], page.NextCursor));
    }
}
