using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
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
/// POST /events/{eventId}/ticket-types: the event's organizer (or an admin) adds a ticket type. The
/// first type also sets up the event's total-capacity quota from the event's capacity.
/// </summary>
public static class CreateTicketType
{
    public const string Name = nameof(CreateTicketType);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/ticket-types", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<TicketTypeResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, TicketTypeInput? body, Caller caller, Organizing organizing, SetupStore setups, Availability availability, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var setup = managed.Value.Setup;
        if (setup.Types.Count >= TicketingRules.MaxTicketTypesPerEvent)
        {
            return Problems.For(new Conflict($"An event has at most {TicketingRules.MaxTicketTypesPerEvent} ticket types."));
        }

        setup = await organizing.EnsureTotalQuotaAsync(managed.Value, ct);
        var created = TicketType.Create(TicketingIds.New(clock), eventId, body ?? new TicketTypeInput(), setup.SessionIds, setup.QuotaIds, setup.Currency, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return Problems.For(created.Error);
        }

        if (!await setups.PutTypeAsync(created.Value, expectedVersion: null, ct))
        {
            return Problems.For(new Conflict("A ticket type with the generated id exists; retry."));
        }

        var left = await availability.OfTypesAsync(setup with { Types = new Dictionary<string, TicketType>(setup.Types) { [created.Value.Id] = created.Value } }, ct);
        return TypedResults.Created(
            $"/organizer/events/{eventId}/ticket-types",
            TicketTypeResponse.From(created.Value, left.GetValueOrDefault(created.Value.Id), clock.GetUtcNow()));
    }
}
