using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// DELETE /events/{eventId}/staff/{userId}: the user no longer checks anyone in at this event, from
/// their next scan on. 404 when they were not assigned.
/// </summary>
public static class RemoveStaff
{
    public const string Name = nameof(RemoveStaff);

    public const string StaffResource = "staff member";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/events/{eventId}/staff/{userId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string eventId, string userId, Caller caller, EventCatalog catalog, SetupStore setups, CancellationToken ct)
    {
        var managed = TicketingAccess.ForOrganizer(await catalog.GetAsync(eventId, consistent: false, ct), eventId, caller);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        return await setups.DeleteStaffAsync(eventId, userId, ct)
            ? TypedResults.NoContent()
            : Problems.For(new BitcoinEvents.Domain.Results.NotFound(StaffResource, userId));
    }
}
