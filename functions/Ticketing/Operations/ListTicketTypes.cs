using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /events/{eventId}/ticket-types, anonymous: the types a buyer can see (not hidden, not
/// archived) with their price and how many seats are left; a draft event is 404.
/// </summary>
public static class ListTicketTypes
{
    public const string Name = nameof(ListTicketTypes);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}/ticket-types", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TicketTypeListResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, Organizing organizing, Availability availability, TimeProvider clock, CancellationToken ct)
    {
        var visible = await organizing.ForPublicAsync(eventId, ct);
        if (!visible.IsSuccess)
        {
            return Problems.For(visible.Error);
        }

        var setup = visible.Value.Setup;
        var left = await availability.OfTypesAsync(setup, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new TicketTypeListResponse(
            [.. setup.Types.Values.Where(t => !t.Hidden && !t.Archived).OrderBy(t => t.CreatedAt).Select(t => TicketTypeResponse.From(t, left.GetValueOrDefault(t.Id), now))]));
    }
}
