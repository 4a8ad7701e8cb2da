using BitcoinEvents.Domain.Results;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// GET /events?sort=soonest|newest&amp;limit=1..100&amp;cursor=…, anonymous: published events that have
/// not ended. soonest (the default): by start, ascending; newest: by publication, newest first.
/// </summary>
public static class ListEvents
{
    public const string Name = nameof(ListEvents);
    public const string SortField = "sort";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events", HandleAsync)
            .WithName(Name)
            .AllowAnonymous();

    internal static async Task<Results<Ok<EventPageResponse>, ProblemHttpResult>> HandleAsync(
        string? sort,
        string? limit,
        string? cursor,
        EventStore store,
        TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        ListingOrder order = ListingOrder.Soonest;
        switch (sort)
        {
            case null or "" or "soonest":
                break;
            case "newest":
                order = ListingOrder.Newest;
                break;
            default:
                errors.Add(new FieldError(SortField, "must be 'soonest' or 'newest'."));
                break;
        }

        var pageSize = PageSize.Parse(limit);
        if (!pageSize.IsSuccess)
        {
            errors.AddRange(((ValidationFailed)pageSize.Error).Errors);
        }

        var scope = $"{Name}:{order}";
        var prefix = order == ListingOrder.Soonest ? EventItems.StartPartition(0)[..^4] : EventItems.PublishedPartition(0)[..^4];
        IndexPosition? after = null;
        if (!string.IsNullOrEmpty(cursor)
            && !ListingCursors.TryDecode(cursor, scope, p => ListingCursors.IsYearPartition(p, prefix), out after))
        {
            errors.Add(new FieldError(PageCursor.Field, "is not a cursor of this listing: pass nextCursor from the previous page unchanged, with the same sort."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await store.ListPublishedAsync(order, pageSize.Value, after, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new EventPageResponse(
            [.. page.Items.Select(EventResponse.From)],
            ListingCursors.Encode(scope, page.Next)));
    }
}
