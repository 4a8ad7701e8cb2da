using BitcoinEvents.Outbox.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Outbox.Operations;

/// <summary>GET /outbox/status, anonymous: the area answers.</summary>
public static class GetOutboxStatus
{
    public const string Name = nameof(GetOutboxStatus);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/outbox/status", Handle)
            .WithName(Name)
            .AllowAnonymous();

    internal static Ok<OutboxStatusResponse> Handle() => TypedResults.Ok(new OutboxStatusResponse("Outbox", "ok"));
}
