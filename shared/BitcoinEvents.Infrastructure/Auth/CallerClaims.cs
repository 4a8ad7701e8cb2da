using System.Security.Claims;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Infrastructure.Auth;

/// <summary>The <see cref="Caller"/> behind a request, from the token's claims (kept as the token names them).</summary>
public static class CallerClaims
{
    /// <summary>The subject id claim.</summary>
    public const string Subject = "sub";

    /// <summary>Cognito's groups claim: one claim per group.</summary>
    public const string Groups = "cognito:groups";

    /// <summary>The caller, or null when the request is anonymous (or its token has no subject).</summary>
    public static Caller? ToCaller(this ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var subject = principal.FindFirst(Subject)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        return new Caller(subject, principal.FindAll(Groups).Select(c => c.Value).Where(g => g.Length > 0));
    }

    /// <summary>The caller of an endpoint that requires authorization; 401 when there is none.</summary>
    public static Result<Caller> RequireCaller(this ClaimsPrincipal? principal) =>
        principal.ToCaller() is { } caller ? caller : new Unauthenticated();
}
