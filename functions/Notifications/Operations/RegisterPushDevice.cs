using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Mobile;
using BitcoinEvents.Notifications.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// POST /me/push-devices: registers the app's device token with the platform's SNS platform
/// application (CreatePlatformEndpoint; the same token registers once) and adds the endpoint to the
/// caller's devices (at most five, the oldest dropped). 409 when push is not set up.
/// </summary>
public static class RegisterPushDevice
{
    public const string Name = nameof(RegisterPushDevice);

    /// <summary>FCM tokens are ~160 characters, APNs tokens 64 hex digits; SNS takes up to 4 KB.</summary>
    public const int MaxTokenLength = 4096;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/me/push-devices", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<PushDevicesResponse>, ProblemHttpResult>> HandleAsync(
        RegisterPushDeviceRequest? body, Caller caller, PreferencesStore store, MobileMessages mobile, NotificationSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var token = body?.Token;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Any(c => c is < '!' or > '~'))
        {
            return Problems.For(new ValidationFailed("token", $"must be the device token the push platform gave the app: 1 to {MaxTokenLength} printable ASCII characters, no spaces."));
        }

        if (settings.PushPlatformApplicationArn is not { } application)
        {
            return Problems.For(new Domain.Results.Conflict("Push notifications are not set up on this platform (no SNS platform application): use email or SMS."));
        }

        var endpoint = await mobile.RegisterAsync(application, token, caller.Id, ct);
        var current = await store.GetAsync(caller.Id, consistent: true, ct);
        var saved = await store.SaveAsync(current.WithPushDevice(endpoint, clock.GetUtcNow()), clock.GetUtcNow(), ct);
        return saved.IsSuccess ? TypedResults.Ok(new PushDevicesResponse(saved.Value.PushDevices.Count)) : Problems.For(saved.Error);
    }
}
