namespace BitcoinEvents.Lambda;

/// <summary>The <c>requestContext.http</c> object: method, path, protocol and caller.</summary>
public sealed class HttpApiHttpDescription
{
    public string Method { get; init; } = "GET";

    public string Path { get; init; } = "/";

    public string Protocol { get; init; } = "HTTP/1.1";

    public string SourceIp { get; init; } = "";

    public string UserAgent { get; init; } = "";
}
