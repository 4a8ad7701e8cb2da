namespace BitcoinEvents.Lambda;

/// <summary>The <c>requestContext.authorizer</c> object.</summary>
public sealed class HttpApiAuthorizer
{
    public HttpApiJwtAuthorizer? Jwt { get; init; }
}
