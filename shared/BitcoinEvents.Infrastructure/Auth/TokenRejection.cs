using System.Globalization;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Infrastructure.Auth;

/// <summary>
/// Why a request of the local validation path is not authenticated, as the 401 tells it: an RFC 9457
/// problem (<c>code</c> "unauthenticated", <c>reason</c> one of the constants below, <c>detail</c> in
/// words) and an RFC 6750 <c>WWW-Authenticate</c> challenge. Neither ever repeats the token.
/// </summary>
internal sealed record TokenRejection(string Reason, string Detail)
{
    public const string ReasonExtension = "reason";

    // Stable reasons a client may act on (token_expired: refresh; the others: sign in again or fix the call).
    public const string MissingToken = "missing_token";
    public const string MalformedToken = "malformed_token";
    public const string TokenExpired = "token_expired";
    public const string TokenNotYetValid = "token_not_yet_valid";
    public const string WrongIssuer = "wrong_issuer";
    public const string WrongAudience = "wrong_audience";
    public const string InvalidSignature = "invalid_signature";
    public const string UnknownSigningKey = "unknown_signing_key";
    public const string InvalidToken = "invalid_token";
    public const string NotConfigured = "token_validation_not_configured";

    /// <summary>No token came with the request (RFC 6750 §3.1: the challenge then names no error).</summary>
    public bool IsMissingToken => Reason is MissingToken or NotConfigured;

    /// <summary>The rejection for a request that carried no token, by what its Authorization header holds.</summary>
    public static TokenRejection WithoutToken(string? authorization)
    {
        var header = authorization?.Trim() ?? "";
        if (header.Length == 0)
        {
            return new(MissingToken, "Sign in and send the access token: 'Authorization: Bearer <access token>'.");
        }

        // A Bearer header with a token never gets here: the token was validated, and refused or accepted.
        return string.Equals(header, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? new(MissingToken, "The Authorization header's Bearer token is empty: did the sign-in return an access token?")
            : new(MissingToken, "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <access token>'.");
    }

    /// <summary>The rejection for a token that failed validation with <paramref name="failure"/>.</summary>
    public static TokenRejection For(Exception failure) => failure switch
    {
        SecurityTokenExpiredException expired => new(TokenExpired,
            $"The access token expired at {Utc(expired.Expires)}: refresh it or sign in again."),
        SecurityTokenNotYetValidException notYet => new(TokenNotYetValid,
            $"The access token is not valid before {Utc(notYet.NotBefore)}: is the issuer's clock ahead?"),
        SecurityTokenNoExpirationException => new(MalformedToken, "The access token has no expiry ('exp' claim)."),
        SecurityTokenInvalidLifetimeException => new(MalformedToken, "The access token's validity period ('nbf', 'exp') is not valid."),
        SecurityTokenInvalidIssuerException => new(WrongIssuer,
            "The access token was issued by another issuer ('iss') than this API's user pool."),
        SecurityTokenInvalidAudienceException => new(WrongAudience,
            "The access token was issued to another app client: its 'client_id' (or 'aud') is not this API's."),
        SecurityTokenSignatureKeyNotFoundException => new(UnknownSigningKey,
            "The access token is signed with a key the issuer does not publish (unknown 'kid'), or the issuer's keys could not be fetched."),
        SecurityTokenInvalidSignatureException => new(InvalidSignature,
            "The access token's signature does not verify: the token was altered, or not signed by the issuer with RS256."),
        SecurityTokenMalformedException or ArgumentException => new(MalformedToken,
            "The Bearer token is not a well-formed JWT (three base64url parts separated by dots)."),
        AggregateException { InnerExceptions.Count: > 0 } several => For(several.InnerExceptions[0]),
        _ => new(InvalidToken, "The access token was not accepted."),
    };

    /// <summary>Answers 401 with this rejection's problem and challenge.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = IsMissingToken
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{Detail}\"";
        await Problems.WriteAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required.",
            Detail = Detail,
            Extensions =
            {
                [Problems.CodeExtension] = "unauthenticated",
                [ReasonExtension] = Reason,
            },
        });
    }

    private static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
