namespace BitcoinEvents.Lambda;

/// <summary>The <c>requestContext</c> of an HTTP API request.</summary>
public sealed class HttpApiRequestContext
{
    public string AccountId { get; init; } = "";

    public string ApiId { get; init; } = "";

    public HttpApiAuthorizer? Authorizer { get; init; }

    /// <summary>Mutual TLS: the client certificate API Gateway verified, if the domain requires one.</summary>
    public HttpApiAuthentication? Authentication { get; init; }

    public string DomainName { get; init; } = "";

    public string DomainPrefix { get; init; } = "";

    public HttpApiHttpDescription Http { get; init; } = new();

    public string RequestId { get; init; } = "";

    public string RouteKey { get; init; } = "";

    /// <summary>The stage; <c>$default</c> is served at the root, any other under <c>/{stage}</c>.</summary>
    public string Stage { get; init; } = "$default";

    public string Time { get; init; } = "";

    public long TimeEpoch { get; init; }
}
