using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// The caller of the current request, resolved once by the platform's pipeline. Handlers don't
/// use this: they take a <see cref="Caller"/> parameter, which the platform registers per request
/// from here. An operation that requires authorization always gets one: a request whose token
/// names no subject never reaches it (401).
/// </summary>
public sealed class RequestCaller
{
    /// <summary>The signed-in caller, or null for an anonymous request.</summary>
    public Caller? Caller { get; internal set; }

    internal static Caller Require(IServiceProvider services) =>
        services.GetRequiredService<RequestCaller>().Caller
        ?? throw new InvalidOperationException(
            "A handler asked for the Caller of an anonymous request: an operation that takes a Caller must RequireAuthorization().");

    /// <summary>Whether the endpoint says it needs a signed-in caller (RequireAuthorization, not AllowAnonymous).</summary>
    internal static bool IsRequiredBy(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
}

/// <summary>
/// Resolves the caller from the authenticated user (after authentication and authorization). On
/// an operation that requires authorization, a token without a subject gets the same 401 problem
/// as no token at all.
/// </summary>
internal sealed class RequestCallerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!PlatformOperationMetadata.IsOperation(context))
        {
            return next(context);
        }

        var caller = context.User.ToCaller();
        if (caller is null && RequestCaller.IsRequiredBy(context.GetEndpoint()!))
        {
            return Problems.WriteAsync(context, new Unauthenticated());
        }

        context.RequestServices.GetRequiredService<RequestCaller>().Caller = caller;
        return next(context);
    }
}
