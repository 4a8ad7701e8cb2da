using BitcoinEvents.Events.Changes;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>POST /events/{eventId}/publish: Draft → Published (the event must start in the future). Optional If-Match.</summary>
public static class PublishEvent
{
    public const string Name = nameof(PublishEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/publish", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(EventChanges.Problems);

    internal static Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] EventChange change, TimeProvider clock) =>
        change.AnswerAsync(e => e.Publish(clock));
}
