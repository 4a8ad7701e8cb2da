using System.Collections.Frozen;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Lambda;

/// <summary>Turns a finished, buffered response into the payload 2.0 response document.</summary>
internal static class HttpApiResponseTranslator
{
    // Hop-by-hop headers describe the connection to the application, not the response.
    private static readonly FrozenSet<string> HopByHopHeaders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        HeaderNames.ProxyConnection,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.TransferEncoding,
        HeaderNames.Upgrade);

    public static HttpApiResponse ToResponse(LambdaResponseFeature response, MemoryStream buffer, bool isHead)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<string>? cookies = null;
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                cookies ??= [];
                cookies.AddRange(values.OfType<string>().Where(value => value.Length > 0));
            }
            else if (!HopByHopHeaders.Contains(name))
            {
                headers[name] = string.Join(',', values.OfType<string>());
            }
        }

        // A HEAD response keeps its headers (Content-Length included) and never has a body.
        var body = isHead ? [] : buffer.TryGetBuffer(out var written) ? written.AsSpan() : buffer.ToArray();
        var (text, isBase64) = EncodeBody(body, response.Headers.ContentType);
        return new HttpApiResponse
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            Cookies = cookies,
            Body = text,
            IsBase64Encoded = isBase64,
        };
    }

    /// <summary>The answer when the application throws: a bare RFC 9457 problem, no details.</summary>
    public static HttpApiResponse InternalServerError() => new()
    {
        StatusCode = StatusCodes.Status500InternalServerError,
        Headers = new Dictionary<string, string> { [HeaderNames.ContentType] = ProblemResponses.ContentType },
        Body = ProblemResponses.InternalServerErrorJson,
    };

    private static (string Body, bool IsBase64) EncodeBody(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.IsEmpty)
        {
            return ("", false);
        }

        // Text goes as a string only when it survives the round trip through UTF-8 unchanged.
        return ContentTypes.IsText(contentType) && Utf8.IsValid(body)
            ? (Encoding.UTF8.GetString(body), false)
            : (Convert.ToBase64String(body), true);
    }
}
