using BitcoinEvents.Events.Changes;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// POST /events/{eventId}/cancel with <c>{ "reason": "…" }</c>: Draft or Published → Cancelled. Optional
/// If-Match. A published event's cancellation writes EventCancelled to the outbox in the same
/// transaction: Ticketing then cancels its orders and asks for their refunds.
/// </summary>
public static class CancelEvent
{
    public const string Name = nameof(CancelEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/cancel", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(EventChanges.Problems);

    internal static Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] EventChange change, CancelEventRequest? body, TimeProvider clock) =>
        change.AnswerAsync(e => e.Cancel(body?.Reason, clock));
}
