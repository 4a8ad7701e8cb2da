using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// PUT /me/notification-preferences: replaces the caller's choices (kinds × channels, phone number,
/// quiet hours); registered push devices stay. Transactional email can't be switched off (400 naming
/// the field); SMS needs a valid mobile number in E.164. 409 when another write came first.
/// </summary>
public static class UpdateNotificationPreferences
{
    public const string Name = nameof(UpdateNotificationPreferences);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/me/notification-preferences", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> HandleAsync(
        UpdatePreferencesRequest? body, Caller caller, PreferencesStore store, TimeProvider clock, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.For(new ValidationFailed(ClientErrorExceptionHandler.BodyField, "must be the preferences as a JSON object ({\"kinds\": …, \"phoneNumber\": …, \"quietHours\": …})."));
        }

        var current = await store.GetAsync(caller.Id, consistent: true, ct);
        var quiet = body.QuietHours is { } q ? (q.Start, q.End, q.TimeZone) : ((string?, string?, string?)?)null;
        var replaced = current.Replace(body.Kinds, body.PhoneNumber, quiet);
        if (!replaced.IsSuccess)
        {
            return Problems.For(replaced.Error);
        }

        var saved = await store.SaveAsync(replaced.Value, clock.GetUtcNow(), ct);
        return saved.IsSuccess ? TypedResults.Ok(PreferencesResponse.From(saved.Value)) : Problems.For(saved.Error);
    }
}
