using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>GET /me/notification-preferences: the caller's choices (defaults until they choose).</summary>
public static class GetNotificationPreferences
{
    public const string Name = nameof(GetNotificationPreferences);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/me/notification-preferences", HandleAsync)
            .WithName(Name)
            .RequireAuthorization();

    internal static async Task<Ok<PreferencesResponse>> HandleAsync(Caller caller, PreferencesStore store, CancellationToken ct) =>
        TypedResults.Ok(PreferencesResponse.From(await store.GetAsync(caller.Id, consistent: true, ct)));
}
