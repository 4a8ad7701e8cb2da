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
/// POST /events/{eventId}/quotas: a capacity ticket types can draw from (name them in a type's
/// <c>quotaIds</c>), its seats spread over buckets (default from the capacity; docs/ticketing.md).
/// </summary>
public static class CreateQuota
{
    public const string Name = nameof(CreateQuota);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/quotas", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<QuotaResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, QuotaInput? body, Caller caller, Organizing organizing, SetupStore setups, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        await organizing.EnsureTotalQuotaAsync(managed.Value, ct);
        var created = Quota.Create(TicketingIds.New(clock), eventId, body ?? new QuotaInput());
        if (!created.IsSuccess)
        {
            return Problems.For(created.Error);
        }

        if (!await setups.CreateQuotaAsync(created.Value, ct))
        {
            return Problems.For(new Conflict("A quota with the generated id exists; retry."));
        }

        return TypedResults.Created($"/organizer/events/{eventId}/quotas", QuotaResponse.From(created.Value, created.Value.Capacity));
    }
}
