using System.Diagnostics.CodeAnalysis;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BitcoinEvents.Infrastructure.Auth;

/// <summary>
/// Who the caller is. In Lambda, API Gateway's JWT authorizer has already validated the token:
/// the scheme trusts the user the bridge set. Locally, JwtBearer validates exactly what that
/// authorizer checks: issuer (<c>AUTH_ISSUER</c>), signature against the issuer's JWKS, lifetime,
/// and <c>aud</c> — or, when a token has none (Cognito access tokens), <c>client_id</c> — equal to
/// <c>AUTH_AUDIENCE</c>. Claim types are kept as the token names them (<c>sub</c>, <c>cognito:groups</c>).
/// Its 401s say why the token was refused (<see cref="TokenRejection"/>).
/// </summary>
public static class PlatformAuthentication
{
    public const string IssuerSetting = "AUTH_ISSUER";
    public const string AudienceSetting = "AUTH_AUDIENCE";

    /// <summary>
    /// Feature switch: false in the Lambda (Native AOT) publish, which trusts API Gateway's
    /// authorizer and so leaves JwtBearer and the token libraries out of the binary. Such a binary
    /// run outside Lambda validates no tokens: it fails closed (every protected route answers 401).
    /// </summary>
    public const string LocalTokenValidationSwitch = "BitcoinEvents.Auth.LocalTokenValidation";

    [FeatureSwitchDefinition(LocalTokenValidationSwitch)]
    internal static bool IsLocalTokenValidationSupported =>
        !AppContext.TryGetSwitch(LocalTokenValidationSwitch, out var enabled) || enabled;

    /// <summary>Registers authentication (the host calls it once, through the platform's defaults).</summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        if (LambdaEnvironment.IsLambda || !IsLocalTokenValidationSupported)
        {
            // No AddAuthentication(): its Data Protection would load a key ring before every cold start.
            services.AddApiGatewayJwtAuthentication();
        }
        else
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IConfiguration>(ConfigureLocalValidation);
        }

        services.AddAuthorization();
        return services;
    }

    private static void ConfigureLocalValidation(JwtBearerOptions options, IConfiguration configuration)
    {
        var issuer = configuration[IssuerSetting];
        var audience = configuration[AudienceSetting];
        if (string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(audience))
        {
            // No user pool to validate against (a host run without Cognito): fail closed, every
            // token is ignored and protected routes answer 401.
            options.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration();
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    context.NoResult();
                    return Task.CompletedTask;
                },
                OnChallenge = context => ChallengeAsync(context, new TokenRejection(
                    TokenRejection.NotConfigured,
                    $"This host validates no tokens: {IssuerSetting} and {AudienceSetting} are not set.")),
            };
            return;
        }

        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        // Token lifetimes are real time, whatever clock the application runs on.
        options.TimeProvider = TimeProvider.System;
        options.ConfigurationManager = JwksConfigurationManager.Create(issuer);
        // A 401 says why: no token, malformed, expired, wrong issuer or audience, bad signature.
        options.Events = new JwtBearerEvents
        {
            OnChallenge = context => ChallengeAsync(context, context.AuthenticateFailure is { } failure
                ? TokenRejection.For(failure)
                : TokenRejection.WithoutToken(context.Request.Headers.Authorization)),
        };
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = true,
            AudienceValidator = (audiences, token, _) => IsForAudience(audiences, token, audience),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            NameClaimType = CallerClaims.Subject,
            RoleClaimType = CallerClaims.Groups,
        };
    }

    private static Task ChallengeAsync(JwtBearerChallengeContext context, TokenRejection rejection)
    {
        context.HandleResponse();
        return rejection.WriteAsync(context.HttpContext);
    }

    /// <summary>API Gateway's rule: <c>aud</c> must contain the audience; without <c>aud</c>, <c>client_id</c> must equal it.</summary>
    internal static bool IsForAudience(IEnumerable<string>? audiences, SecurityToken token, string audience)
    {
        var list = audiences?.ToList() ?? [];
        if (list.Count > 0)
        {
            return list.Contains(audience, StringComparer.Ordinal);
        }

        return token is JsonWebToken jwt
            && jwt.TryGetClaim("client_id", out var clientId)
            && string.Equals(clientId.Value, audience, StringComparison.Ordinal);
    }
}
