using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /organizer/events/{eventId}/staff: who may check attendees in at the event, for its organizer or an admin.</summary>
public static class ListStaff
{
    public const string Name = nameof(ListStaff);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/staff", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<StaffListResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, Caller caller, EventCatalog catalog, DoorStore doors, CancellationToken ct)
    {
        var managed = TicketingAccess.ForOrganizer(await catalog.GetAsync(eventId, consistent: false, ct), eventId, caller);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var staff = await doors.ListStaffAsync(eventId, ct);
        return TypedResults.Ok(new StaffListResponse(eventId, [.. staff.OrderBy(s => s.AssignedAt).Select(s => new StaffMemberResponse(eventId, s.UserId, s.AssignedAt))]));
    }
}
