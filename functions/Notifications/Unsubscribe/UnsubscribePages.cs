using System.Text.Encodings.Web;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Notifications.Storage;
using Microsoft.AspNetCore.Http;

namespace BitcoinEvents.Notifications.Unsubscribe;

/// <summary>
/// What the unsubscribe link does and shows. The token in the link is the only credential (no
/// sign-in, no cookie), so the pages are served with no-store, no referrer (the token stays out of
/// other sites' logs) and a CSP that allows nothing but the page's own form.
/// </summary>
internal static class UnsubscribePages
{
    /// <summary>The problem for a link that is not one of ours: a 404 (it names nothing we know).</summary>
    public static NotFound InvalidLink { get; } = new NotFound("unsubscribe link", "token") with
    {
        Detail = "This unsubscribe link is not one of ours, or it was changed on the way: use the link from the email as it is.",
    };

    /// <summary>Switches the scope's kind off on its channel (retrying when the preferences changed meanwhile); true when it is off now.</summary>
    public static async Task<bool> UnsubscribeAsync(UnsubscribeScope scope, PreferencesStore store, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(scope.UserId, consistent: true, ct);
            if (!current.Wants(scope.Kind, scope.Channel))
            {
                return true;
            }

            var without = current.Without(scope.Kind, scope.Channel);
            if (without.Wants(scope.Kind, scope.Channel))
            {
                return false; // Transactional email: no link is minted for it, and it can't be switched off.
            }

            var saved = await store.SaveAsync(without, now, ct);
            if (saved.IsSuccess || attempt == 4)
            {
                return saved.IsSuccess;
            }
        }
    }

    public static string Describe(UnsubscribeScope scope) => scope.Kind switch
    {
        NotificationKind.EventReminder => "event reminders",
        _ => "notices of kind '" + NotificationKinds.Name(scope.Kind) + "'",
    } + " by " + NotificationChannels.Name(scope.Channel);

    public static void Secure(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    public static string Confirm(UnsubscribeScope scope, bool alreadyOff) => Page(
        alreadyOff ? "You are unsubscribed" : "Unsubscribe?",
        alreadyOff
            ? $"<p>You no longer get {Encode(Describe(scope))}.</p>"
            : $"""
               <p>Stop getting {Encode(Describe(scope))}? Tickets, receipts and news about what you bought still come.</p>
               <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>
               """);

    public static string Done(UnsubscribeScope scope, bool off) => Page(
        off ? "You are unsubscribed" : "This can't be switched off",
        off
            ? $"<p>You no longer get {Encode(Describe(scope))}. You can switch them on again in your notification settings.</p>"
            : "<p>These messages are about what you bought: they can't be switched off.</p>");

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{Encode(title)} · Bitcoin Events</title></head>
        <body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;max-width:480px;margin:48px auto;padding:0 16px;line-height:1.5;color:#18181b;">
        <main><h1 style="font-size:22px;">{Encode(title)}</h1>
        {body}
        </main>
        </body>
        </html>
        """;
}
