using BitcoinEvents.Domain.Callers;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>PATCH /events/{eventId}/ticket-types/{ticketTypeId}: fields present replace; archive with <c>"archived": true</c>.</summary>
public static class UpdateTicketType
{
    public const string Name = nameof(UpdateTicketType);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}/ticket-types/{ticketTypeId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TicketTypeResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string ticketTypeId, TicketTypeInput? body, Caller caller, Organizing organizing, SetupStore setups, Availability availability, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var setup = managed.Value.Setup;
        if (!setup.Types.TryGetValue(ticketTypeId, out var current))
        {
            return Problems.For(new NotFound("ticket type", ticketTypeId));
        }

        var others = setup.Types.Values.Where(t => t.Id != ticketTypeId).Select(t => t.Price.Currency).FirstOrDefault();
        var updated = current.Update(body ?? new TicketTypeInput(), setup.SessionIds, setup.QuotaIds, others, clock.GetUtcNow());
        if (!updated.IsSuccess)
        {
            return Problems.For(updated.Error);
        }

        if (updated.Value.Version != current.Version && !await setups.PutTypeAsync(updated.Value, current.Version, ct))
        {
            return Problems.For(new Conflict("The ticket type changed meanwhile; read it again and reapply the change."));
        }

        var left = await availability.OfTypesAsync(setup with { Types = new Dictionary<string, TicketType>(setup.Types) { [ticketTypeId] = updated.Value } }, ct);
        return TypedResults.Ok(TicketTypeResponse.From(updated.Value, left.GetValueOrDefault(ticketTypeId), clock.GetUtcNow()));
    }
}
