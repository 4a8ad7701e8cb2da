using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Lambda;

/// <summary>Registration of the <see cref="ApiGatewayJwtAuthenticationHandler"/> scheme.</summary>
public static class ApiGatewayJwtAuthenticationExtensions
{
    /// <summary>
    /// Adds the scheme that trusts API Gateway's JWT authorizer. Use it inside Lambda
    /// (<see cref="LambdaEnvironment.IsLambda"/>) in place of JwtBearer, which validates locally.
    /// </summary>
    public static AuthenticationBuilder AddApiGatewayJwt(
        this AuthenticationBuilder builder, string authenticationScheme = LambdaHttpServer.JwtAuthenticationType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme<AuthenticationSchemeOptions, ApiGatewayJwtAuthenticationHandler>(authenticationScheme, configureOptions: null);
    }

    /// <summary>
    /// Authentication for a function behind API Gateway's JWT authorizer: the
    /// <see cref="LambdaHttpServer.JwtAuthenticationType"/> scheme as the default, and nothing else.
    /// </summary>
    /// <remarks>
    /// Unlike <c>AddAuthentication()</c> this registers no Data Protection: that scheme never
    /// protects a cookie or a state parameter, and Data Protection's hosted service would load (or
    /// create) a key ring under <c>$HOME</c> — which Lambda does not let a function write — and
    /// load OpenSSL before the first invocation, on every cold start.
    /// </remarks>
    public static AuthenticationBuilder AddApiGatewayJwtAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthenticationCore(options => options.DefaultScheme = LambdaHttpServer.JwtAuthenticationType);
        // What an authentication handler's constructor and options need; nothing here encodes a URL.
        services.TryAddSingleton(UrlEncoder.Default);
        services.TryAddSingleton(TimeProvider.System);
        return new AuthenticationBuilder(services).AddApiGatewayJwt();
    }
}
