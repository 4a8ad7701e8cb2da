using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// POST /events: an organizer (or admin) creates a draft. Requires an Idempotency-Key. 201 with the
/// event, its ETag, and Location: the organizer's view (drafts are not public).
/// </summary>
public static class CreateEvent
{
    public const string Name = nameof(CreateEvent);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<EventResponse>, ProblemHttpResult>> HandleAsync(
        CreateEventRequest? body,
        Caller caller,
        EventStore store,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct)
    {
        var created = Event.Create(EventIds.New(clock), caller, body?.ToInput() ?? new EventInput(), clock);
        if (!created.IsSuccess)
        {
            return Problems.For(created.Error);
        }

        var e = created.Value;
        if (!await store.CreateAsync(e, ct))
        {
            return Problems.For(new Conflict("An event with the generated id already exists; retry the request."));
        }

        response.Headers.ETag = ETags.ForVersion(e.Version);
        return TypedResults.Created(GetOrganizerEvent.PathOf(e.Id), EventResponse.From(e));
    }
}
