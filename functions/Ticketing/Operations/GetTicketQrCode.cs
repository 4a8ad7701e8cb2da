using System.Globalization;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Issued;
using BitcoinEvents.Tickets.Qr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /tickets/{ticketId}/qr?format=png|svg: the ticket's QR code as an image, for its holder (and
/// admins). <c>format</c> decides; without it, <c>Accept</c> does (<c>image/svg+xml</c> preferred
/// over <c>image/png</c> only when ranked higher), and PNG is the default. The image is drawn from
/// the token stored at issue, so it is the same every time until the ticket is reassigned (a new
/// revision, a new ETag). Cacheable by the holder's browser only.
/// </summary>
public static class GetTicketQrCode
{
    public const string Name = nameof(GetTicketQrCode);

    public const string FormatField = "format";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/tickets/{ticketId}/qr", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: TicketQrCode.PngMediaType, additionalContentTypes: [TicketQrCode.SvgMediaType])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<IResult> HandleAsync(string ticketId, string? format, HttpRequest request, HttpResponse response, Caller caller, IssuedTickets tickets, CancellationToken ct)
    {
        var svg = format switch
        {
            null => PrefersSvg(request),
            "png" => false,
            "svg" => true,
            _ => (bool?)null,
        };
        if (svg is null)
        {
            return Problems.For(new ValidationFailed(FormatField, "must be png or svg."));
        }

        var held = await tickets.ForHolderAsync(ticketId, caller, "get its QR code", ct);
        if (!held.IsSuccess)
        {
            return Problems.For(held.Error);
        }

        var ticket = held.Value;
        if (ticket.Status != TicketStatus.Valid || ticket.QrToken is not { } token)
        {
            return Problems.For(new InvalidStateTransition(ticket.Status == TicketStatus.Valid ? "not signed yet" : "void", "show the ticket's QR code"));
        }

        var etag = new EntityTagHeaderValue($"\"{ticket.Id}-{ticket.Revision.ToString(CultureInfo.InvariantCulture)}-{(svg.Value ? "svg" : "png")}\"");
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromMinutes(5) };
        response.Headers.Vary = "Accept, Authorization";
        response.Headers.XContentTypeOptions = "nosniff";
        if (request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (svg.Value)
        {
            // An SVG is a document: nothing in it may load or run anything.
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return TypedResults.Text(TicketQrCode.RenderSvg(token), TicketQrCode.SvgMediaType, System.Text.Encoding.UTF8);
        }

        return TypedResults.File(TicketQrCode.RenderPng(token), TicketQrCode.PngMediaType);
    }

    // Accept decides only when it ranks SVG above PNG; anything else (none, */*, image/*, text/html) gets the PNG.
    private static bool PrefersSvg(HttpRequest request)
    {
        double Quality(string mediaType) => request.GetTypedHeaders().Accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(-1)
            .Max();

        var svg = Quality(TicketQrCode.SvgMediaType);
        return svg > 0 && svg > Quality(TicketQrCode.PngMediaType);
    }
}
