namespace BitcoinEvents.Lambda;

/// <summary>
/// An API Gateway HTTP API request, payload format 2.0. Repeated headers and query values arrive
/// comma-joined; <see cref="RawQueryString"/> is the query as sent.
/// </summary>
public sealed class HttpApiRequest
{
    public string Version { get; init; } = "2.0";

    public string RouteKey { get; init; } = "";

    public string RawPath { get; init; } = "/";

    public string RawQueryString { get; init; } = "";

    public IReadOnlyList<string>? Cookies { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }

    public HttpApiRequestContext RequestContext { get; init; } = new();

    public string? Body { get; init; }

    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }

    public bool IsBase64Encoded { get; init; }

    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
}
