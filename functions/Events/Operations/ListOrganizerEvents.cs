using System.Security.Claims;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// GET /organizer/events?limit=…&amp;cursor=…: the caller's own events, drafts included, newest first.
/// Admins may pass <c>organizerId</c> to list another organizer's.
/// </summary>
public static class ListOrganizerEvents
{
    public const string Name = nameof(ListOrganizerEvents);
    public const string OrganizerIdField = "organizerId";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events", HandleAsync)
            .WithName(Name)
            .RequireAuthorization();

    internal static async Task<Results<Ok<EventPageResponse>, ProblemHttpResult>> HandleAsync(
        string? limit,
        string? cursor,
        string? organizerId,
        ClaimsPrincipal user,
        EventStore store,
        CancellationToken ct)
    {
        var caller = user.RequireCaller();
        if (!caller.IsSuccess)
        {
            return Problems.For(caller.Error);
        }

        var organizer = EventAccess.OrganizerToList(caller.Value, organizerId);
        if (!organizer.IsSuccess)
        {
            return Problems.For(organizer.Error);
        }

        var errors = new List<FieldError>();
        var pageSize = PageSize.Parse(limit);
        if (!pageSize.IsSuccess)
        {
            errors.AddRange(((ValidationFailed)pageSize.Error).Errors);
        }

        var scope = $"{Name}:{organizer.Value}";
        var partition = EventItems.OrganizerPartition(organizer.Value);
        IndexPosition? after = null;
        if (!string.IsNullOrEmpty(cursor)
            && !ListingCursors.TryDecode(cursor, scope, p => string.Equals(p, partition, StringComparison.Ordinal), out after))
        {
            errors.Add(new FieldError(PageCursor.Field, "is not a cursor of this listing: pass nextCursor from the previous page unchanged."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await store.ListByOrganizerAsync(organizer.Value, pageSize.Value, after, ct);
        return TypedResults.Ok(new EventPageResponse(
            [.. page.Items.Select(EventResponse.From)],
            ListingCursors.Encode(scope, page.Next)));
    }
}
