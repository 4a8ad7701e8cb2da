using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// Lets a function serve its own operation only: a request whose matched endpoint is not named
/// after the function's Handler gets a 404 problem. Runs after routing, before the area's middleware.
/// </summary>
internal sealed class OwnOperationMiddleware(RequestDelegate next, string operation, ILogger logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpointName = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (string.Equals(endpointName, operation, StringComparison.Ordinal))
        {
            return next(context);
        }

        LambdaLog.ForeignRoute(logger, endpointName ?? "(none)", operation);
        return ProblemResponses.WriteNotFoundAsync(context);
    }
}
