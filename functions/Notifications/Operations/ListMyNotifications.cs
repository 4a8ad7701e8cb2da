using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// GET /me/notifications?limit=&amp;cursor=: the caller's send log, newest first: kind, channel,
/// status, a hash of the address (never the address), the provider's message id, when. No bodies.
/// </summary>
public static class ListMyNotifications
{
    public const string Name = nameof(ListMyNotifications);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/me/notifications", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<NotificationLogPage>, ProblemHttpResult>> HandleAsync(
        string? limit, string? cursor, Caller caller, SendStore sends, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var size = PageSize.Parse(limit, errors);
        var scope = "notifications#" + caller.Id;
        string? after = null;
        if (cursor is not null)
        {
            if (PageCursor.TryDecode(cursor, scope, 1, out var parts))
            {
                after = parts[0];
            }
            else
            {
                errors.Add(new FieldError(PageCursor.Field, PageCursor.NotOfListingReason));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var (items, last) = await sends.ListAsync(caller.Id, size, after, ct);
        return TypedResults.Ok(new NotificationLogPage(
            [.. items.Select(NotificationLogEntry.From)],
            last is null ? null : PageCursor.Encode(scope, last)));
    }
}
