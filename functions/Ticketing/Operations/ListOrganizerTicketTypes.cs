using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /organizer/events/{eventId}/ticket-types: every type, hidden and archived ones too, for the event's organizer or an admin.</summary>
public static class ListOrganizerTicketTypes
{
    public const string Name = nameof(ListOrganizerTicketTypes);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/ticket-types", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TicketTypeListResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, Caller caller, Organizing organizing, Availability availability, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var setup = managed.Value.Setup;
        var left = await availability.OfTypesAsync(setup, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new TicketTypeListResponse(
            [.. setup.Types.Values.OrderBy(t => t.CreatedAt).Select(t => TicketTypeResponse.From(t, left.GetValueOrDefault(t.Id), now))]));
    }
}
