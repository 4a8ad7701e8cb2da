using System.Security.Claims;
using BitcoinEvents.Domain.Events;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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
            .RequireIdempotencyKey();

    internal static async Task<Results<Created<EventResponse>, ProblemHttpResult>> HandleAsync(
        EventInput? body,
        ClaimsPrincipal user,
        EventStore store,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct)
    {
        var caller = user.RequireCaller();
        if (!caller.IsSuccess)
        {
            return Problems.For(caller.Error);
        }

        var created = Event.Create(EventIds.New(clock), caller.Value, body ?? new EventInput(), clock);
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
