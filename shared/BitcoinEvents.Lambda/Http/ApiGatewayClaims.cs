using System.Security.Claims;
using System.Text.Json;

namespace BitcoinEvents.Lambda;

/// <summary>Turns what API Gateway's JWT authorizer validated into the request's user.</summary>
internal static class ApiGatewayClaims
{
    private const string ScopeClaimType = "scope";

    /// <summary>The user, or null when no JWT authorizer ran for the route.</summary>
    public static ClaimsPrincipal? ToPrincipal(HttpApiJwtAuthorizer? jwt)
    {
        if (jwt?.Claims is null && jwt?.Scopes is null)
        {
            return null;
        }

        var allClaims = jwt.Claims ?? new Dictionary<string, JsonElement>();
        var scopes = jwt.Scopes ?? [];
        var issuer = allClaims.TryGetValue("iss", out var iss) && iss.ValueKind == JsonValueKind.String
            ? iss.GetString()
            : null;

        var claims = new List<Claim>();
        foreach (var (type, value) in allClaims)
        {
            // With a scopes array the space-separated "scope" claim says the same thing again:
            // keep the one-claim-per-scope form only.
            if (scopes.Count > 0 && type == ScopeClaimType)
            {
                continue;
            }

            foreach (var text in Values(value))
            {
                claims.Add(new Claim(type, text, ClaimValueTypes.String, issuer ?? ClaimsIdentity.DefaultIssuer));
            }
        }

        foreach (var scope in scopes)
        {
            claims.Add(new Claim(ScopeClaimType, scope, ClaimValueTypes.String, issuer ?? ClaimsIdentity.DefaultIssuer));
        }

        var identity = new ClaimsIdentity(
            claims,
            LambdaHttpServer.JwtAuthenticationType,
            LambdaHttpServer.JwtNameClaimType,
            LambdaHttpServer.JwtRoleClaimType);
        return new ClaimsPrincipal(identity);
    }

    private static IEnumerable<string> Values(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return SplitArrayString(value.GetString()!);
            case JsonValueKind.Array:
                return value.EnumerateArray().SelectMany(Values).ToList();
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Number:
            case JsonValueKind.Object:
                return [value.GetRawText()];
            default:
                return [];
        }
    }

    // API Gateway passes an array claim as one string: ["organizer","staff"] arrives as "[organizer staff]".
    private static string[] SplitArrayString(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']'
            ? text[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [text];
}
