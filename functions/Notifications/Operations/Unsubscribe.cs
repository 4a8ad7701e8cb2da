using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Storage;
using BitcoinEvents.Notifications.Unsubscribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// POST /notifications/unsubscribe?token=: RFC 8058 one-click unsubscribe, anonymous: the URI of
/// the email's <c>List-Unsubscribe</c> header, which mail clients POST to with the body
/// <c>List-Unsubscribe=One-Click</c> (form-encoded or multipart), no cookies, no credentials. The
/// signed token is the authority: it switches off its one kind on its one channel for its user.
/// Repeating it changes nothing. JSON for clients, a page for the confirmation form's browser.
/// </summary>
public static class Unsubscribe
{
    public const string Name = nameof(Unsubscribe);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/notifications/unsubscribe", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .AcceptsFormBody()
            .Produces<UnsubscribeResponse>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<UnsubscribeResponse>, ContentHttpResult, ProblemHttpResult>> HandleAsync(
        string? token, HttpRequest request, HttpResponse response, UnsubscribeTokens tokens, PreferencesStore store, TimeProvider clock, CancellationToken ct)
    {
        UnsubscribePages.Secure(response);
        var scope = await tokens.ReadAsync(token, ct);
        if (scope is null)
        {
            return Problems.For(UnsubscribePages.InvalidLink);
        }

        var off = await UnsubscribePages.UnsubscribeAsync(scope, store, clock.GetUtcNow(), ct);
        if (WantsHtml(request))
        {
            return TypedResults.Content(UnsubscribePages.Done(scope, off), "text/html; charset=utf-8");
        }

        return TypedResults.Ok(new UnsubscribeResponse(NotificationKinds.Name(scope.Kind), NotificationChannels.Name(scope.Channel), off));
    }

    // The confirmation page's form (a browser) asks for HTML first; mail clients and API clients do not.
    private static bool WantsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepts)
        && accepts.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } best
        && best.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
