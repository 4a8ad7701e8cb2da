namespace BitcoinEvents.Lambda;

/// <summary>An HTTP API response, payload format 2.0.</summary>
public sealed class HttpApiResponse
{
    public int StatusCode { get; init; }

    /// <summary>Response headers; repeated values joined with ",". Set-Cookie goes to <see cref="Cookies"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Every Set-Cookie value.</summary>
    public IReadOnlyList<string>? Cookies { get; init; }

    public string Body { get; init; } = "";

    public bool IsBase64Encoded { get; init; }
}
