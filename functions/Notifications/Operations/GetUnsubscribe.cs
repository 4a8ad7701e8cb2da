using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Notifications.Storage;
using BitcoinEvents.Notifications.Unsubscribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// GET /notifications/unsubscribe?token=: the page the email's "Stop these emails" link opens,
/// anonymous. It changes nothing (mail scanners follow links): it asks, and its button POSTs to
/// <see cref="Unsubscribe"/>, as a mail client's one-click does. 404 for a token that is not ours.
/// </summary>
public static class GetUnsubscribe
{
    public const string Name = nameof(GetUnsubscribe);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/notifications/unsubscribe", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> HandleAsync(
        string? token, HttpResponse response, UnsubscribeTokens tokens, PreferencesStore store, CancellationToken ct)
    {
        UnsubscribePages.Secure(response);
        var scope = await tokens.ReadAsync(token, ct);
        if (scope is null)
        {
            return Problems.For(UnsubscribePages.InvalidLink);
        }

        var preferences = await store.GetAsync(scope.UserId, consistent: true, ct);
        return TypedResults.Content(UnsubscribePages.Confirm(scope, alreadyOff: !preferences.Wants(scope.Kind, scope.Channel)), "text/html; charset=utf-8");
    }
}
