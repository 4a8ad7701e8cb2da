using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// PUT /events/{eventId}/staff/{userId}: the event's organizer (or an admin) lets a user check
/// attendees in at this event. The user scans only while they are in the staff group (their token
/// says so at the door); the assignment alone gives nothing else. Assigning again changes nothing.
/// </summary>
public static class AssignStaff
{
    public const string Name = nameof(AssignStaff);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/events/{eventId}/staff/{userId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string userId, Caller caller, Organizing organizing, SetupStore setups, DoorStore doors, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var staff = managed.Value.Setup.Staff;
        if (!staff.Contains(userId))
        {
            if (staff.Count >= TicketingRules.MaxStaffPerEvent)
            {
                return Problems.For(new Conflict($"An event has at most {TicketingRules.MaxStaffPerEvent} staff members: remove one first."));
            }

            await setups.PutStaffAsync(eventId, userId, clock.GetUtcNow(), ct);
        }

        var assigned = (await doors.ListStaffAsync(eventId, ct)).First(s => s.UserId == userId);
        return TypedResults.Ok(new StaffMemberResponse(eventId, userId, assigned.AssignedAt));
    }
}
