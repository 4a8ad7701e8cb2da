using Microsoft.Extensions.Primitives;

namespace BitcoinEvents.DevHost.Web;

/// <summary>
/// CORS for the API as API Gateway applies the template's <c>CorsConfiguration</c>: a preflight
/// from an allowed origin is answered at once (204) whatever the path; every other answer to an
/// allowed origin carries <c>Access-Control-Allow-Origin</c> and the exposed headers, added as the
/// response starts, so error pages (problems written by the exception handler) carry them too.
/// </summary>
internal sealed class LocalCors(IReadOnlyCollection<string> origins, WebTemplate rules)
{
    public IReadOnlyCollection<string> Origins { get; } = origins;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowMethods = string.Join(", ", rules.CorsMethods);
            response.Headers.AccessControlAllowHeaders = string.Join(", ", rules.CorsRequestHeaders);
            response.Headers.AccessControlMaxAge = rules.MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers.Vary = "Origin";
            return;
        }

        response.OnStarting(() =>
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlExposeHeaders = string.Join(", ", rules.CorsExposedHeaders);
            response.Headers.Vary = StringValues.Concat(response.Headers.Vary, "Origin");
            return Task.CompletedTask;
        });
        await next(context);
    }
}
