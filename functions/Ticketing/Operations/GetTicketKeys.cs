using BitcoinEvents.Tickets;
using BitcoinEvents.Tickets.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /ticket-keys, anonymous: the public JWK Set (RFC 7517) door scanners verify tickets' QR
/// tokens against, offline, with any JOSE library: the current key first, then previous keys that
/// still verify (docs/ticket-signing.md). Public keys only. Cached by anyone for 5 minutes.
/// </summary>
public static class GetTicketKeys
{
    public const string Name = nameof(GetTicketKeys);

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/ticket-keys", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: TicketJwks.MediaType, additionalContentTypes: ["application/json"]);

    internal static async Task<IResult> HandleAsync(HttpResponse response, ITicketKeyRing keys, CancellationToken ct)
    {
        var jwks = await keys.GetJwksJsonAsync(ct);
        response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = MaxAge };
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(jwks, TicketJwks.MediaType, System.Text.Encoding.UTF8);
    }
}
