using BitcoinEvents.Notifications.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>GET /notifications/status, anonymous: the area answers.</summary>
public static class GetNotificationsStatus
{
    public const string Name = nameof(GetNotificationsStatus);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/notifications/status", Handle)
            .WithName(Name)
            .AllowAnonymous();

    internal static Ok<NotificationsStatusResponse> Handle() => TypedResults.Ok(new NotificationsStatusResponse("Notifications", "ok"));
}
