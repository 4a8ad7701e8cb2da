using System.ComponentModel.DataAnnotations;
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
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<EventPageResponse>, ProblemHttpResult>> HandleAsync(
        [AllowedValues(null, "", "soonest", "newest")] string? sort,
        [Range(1, PageSize.Max)] string? limit,
        [StringLength(PageCursor.MaxLength)] string? cursor,
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

        var pageSize = PageSize.Parse(limit, errors);
        var listing = new EventListing.Published(order);
        if (!EventStore.TryReadCursor(listing, cursor, out var after))
        {
            errors.Add(new FieldError(PageCursor.Field, "is not a cursor of this listing: pass nextCursor from the previous page unchanged, with the same sort."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await store.ListAsync(listing, pageSize, after, clock.GetUtcNow(), ct);
        return TypedResults.Ok(EventPageResponse.From(page));
    }
}
