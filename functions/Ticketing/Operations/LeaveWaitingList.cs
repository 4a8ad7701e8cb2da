using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// DELETE /waiting-list/{entryId}: the buyer leaves a waiting line (anyone else: 404). An offer they
/// hold is given up with it, in the same transaction: its seats go to the next in line. 204; an
/// entry no longer in the line (fulfilled, lapsed, left): 409.
/// </summary>
public static class LeaveWaitingList
{
    public const string Name = nameof(LeaveWaitingList);

    public const int MaxAttempts = 3;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/waiting-list/{entryId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string entryId, Caller caller, WaitingListStore lines, HoldStore holds, Settlement settlement, TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var entry = await lines.GetAsync(entryId, ct);
            if (entry is null || !TicketingAccess.IsOwnerOrAdmin(entry.OwnerId, caller))
            {
                return Problems.For(new NotFound(TicketingAccess.EntryResource, entryId));
            }

            var left = entry.Leave(clock.GetUtcNow());
            if (!left.IsSuccess)
            {
                return Problems.For(left.Error);
            }

            IReadOnlyList<Amazon.DynamoDBv2.Model.TransactWriteItem> writes = [lines.Replace(left.Value, entry), lines.Release(entry)];
            var done = entry.Status == WaitingStatus.Offered && entry.OfferHoldId is { } holdId && await holds.GetAsync(holdId, consistent: true, ct) is { Status: HoldStatus.Active } offer
                ? await settlement.ReleaseOfferAsync(offer, writes, ct)
                : await lines.WriteAsync(writes, ct);
            if (done)
            {
                return TypedResults.NoContent();
            }
        }

        return Problems.For(new Conflict("The waiting-list entry kept changing (an offer was being made or checked out); look at it again."));
    }
}
