using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Lambda;

/// <summary>The RFC 9457 problems the hosting layer itself answers with.</summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public const string NotFoundJson =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404}""";

    public const string InternalServerErrorJson =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.1","title":"An error occurred while processing your request.","status":500}""";

    /// <summary>Answers 404 through the app's problem details service if it has one, else the plain problem.</summary>
    public static async Task WriteNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is not null
            && await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = StatusCodes.Status404NotFound } }))
        {
            return;
        }

        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(NotFoundJson, context.RequestAborted);
    }
}
