using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitcoinEvents.Lambda;

/// <summary>
/// An authentication scheme that trusts the user <see cref="LambdaHttpServer"/> built from the
/// claims API Gateway's JWT authorizer already validated: no second validation inside Lambda.
/// Without such a user it yields no result; a challenge answers 401, a forbid 403.
/// </summary>
public sealed class ApiGatewayJwtAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Context.User;
        var result = user.Identity is { IsAuthenticated: true, AuthenticationType: LambdaHttpServer.JwtAuthenticationType }
            ? AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name))
            : AuthenticateResult.NoResult();
        return Task.FromResult(result);
    }
}
