using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /holds/{holdId}: the buyer's hold with its seconds left (anyone else: 404).</summary>
public static class GetHold
{
    public const string Name = nameof(GetHold);

    public static string PathOf(string holdId) => $"/holds/{holdId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/holds/{holdId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<HoldResponse>, ProblemHttpResult>> HandleAsync(string holdId, Caller caller, HoldStore holds, TimeProvider clock, CancellationToken ct)
    {
        var hold = await holds.GetAsync(holdId, consistent: true, ct);
        return hold is not null && TicketingAccess.IsOwnerOrAdmin(hold.OwnerId, caller)
            ? TypedResults.Ok(HoldResponse.From(hold, clock.GetUtcNow()))
            : Problems.For(new NotFound(TicketingAccess.HoldResource, holdId));
    }
}
