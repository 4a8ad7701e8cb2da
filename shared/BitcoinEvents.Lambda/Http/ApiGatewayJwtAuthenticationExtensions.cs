using Microsoft.AspNetCore.Authentication;

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
}
