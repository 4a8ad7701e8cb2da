using System.Text.Json;

namespace BitcoinEvents.Lambda;

/// <summary>
/// What API Gateway's JWT authorizer validated. Claim values arrive as strings; an array claim
/// arrives as one string in the form <c>"[a b c]"</c>.
/// </summary>
public sealed class HttpApiJwtAuthorizer
{
    public IReadOnlyDictionary<string, JsonElement>? Claims { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }
}
