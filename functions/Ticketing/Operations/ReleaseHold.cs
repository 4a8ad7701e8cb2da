using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using InvalidStateTransition = BitcoinEvents.Domain.Results.InvalidStateTransition;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>DELETE /holds/{holdId}: the buyer lets an active hold go; its seats (and voucher use) go back at once. 204.</summary>
public static class ReleaseHold
{
    public const string Name = nameof(ReleaseHold);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/holds/{holdId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(string holdId, Caller caller, HoldStore holds, Settlement settlement, TimeProvider clock, CancellationToken ct)
    {
        var hold = await holds.GetAsync(holdId, consistent: true, ct);
        if (hold is null || !TicketingAccess.IsOwnerOrAdmin(hold.OwnerId, caller))
        {
            return Problems.For(new NotFound(TicketingAccess.HoldResource, holdId));
        }

        if (hold.Status != HoldStatus.Active)
        {
            return Problems.For(new InvalidStateTransition(hold.Status.ToString().ToLowerInvariant(), "release the hold"));
        }

        return await settlement.ReleaseAsync(hold, ct)
            ? TypedResults.NoContent()
            : Problems.For(new InvalidStateTransition("no longer active", "release the hold"));
    }
}
