using System.Collections.Frozen;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Lambda;

/// <summary>Turns a payload 2.0 event into the request ASP.NET Core would have seen from Kestrel.</summary>
internal static class HttpApiRequestTranslator
{
    // Payload 2.0 joins repeated headers with ",". These list headers are split back into their
    // elements (commas inside quoted strings respected). Everything else stays one value: dates
    // (If-Modified-Since, ...), Cookie, User-Agent and unknown headers may contain commas of their
    // own, and a comma-joined list means the same as repeated lines anyway (RFC 9110, 5.3).
    private static readonly FrozenSet<string> ListHeaders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        HeaderNames.Accept,
        HeaderNames.AcceptCharset,
        HeaderNames.AcceptEncoding,
        HeaderNames.AcceptLanguage,
        HeaderNames.AccessControlRequestHeaders,
        HeaderNames.CacheControl,
        HeaderNames.ContentEncoding,
        HeaderNames.IfMatch,
        HeaderNames.IfNoneMatch,
        HeaderNames.Pragma,
        HeaderNames.TE,
        HeaderNames.Upgrade,
        "X-Forwarded-For",
        "X-Forwarded-Proto",
        "X-Forwarded-Port");

    public static byte[] DecodeBody(HttpApiRequest request)
    {
        if (string.IsNullOrEmpty(request.Body))
        {
            return [];
        }

        return request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
    }

    public static HttpRequestFeature ToRequestFeature(HttpApiRequest request, byte[] body)
    {
        var rawPath = string.IsNullOrEmpty(request.RawPath) ? request.RequestContext.Http.Path : request.RawPath;
        if (!rawPath.StartsWith('/'))
        {
            rawPath = "/" + rawPath;
        }

        var (pathBase, path) = SplitStage(rawPath, request.RequestContext.Stage);
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        return new HttpRequestFeature
        {
            Protocol = string.IsNullOrEmpty(request.RequestContext.Http.Protocol) ? "HTTP/1.1" : request.RequestContext.Http.Protocol,
            Scheme = "https",
            Method = request.RequestContext.Http.Method.ToUpperInvariant(),
            // Decoded like Kestrel decodes: everything but %2F, so route values keep "a%2Fb" as one segment.
            PathBase = pathBase.Length == 0 ? "" : PathString.FromUriComponent(pathBase).Value!,
            Path = path.Length == 0 ? "" : PathString.FromUriComponent(path).Value!,
            QueryString = query,
            RawTarget = rawPath + query,
            Headers = ToHeaders(request, body.Length),
            Body = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false),
        };
    }

    public static HttpConnectionFeature ToConnectionFeature(HttpApiRequest request, LambdaInvocation invocation) => new()
    {
        ConnectionId = string.IsNullOrEmpty(request.RequestContext.RequestId) ? invocation.RequestId : request.RequestContext.RequestId,
        RemoteIpAddress = IPAddress.TryParse(request.RequestContext.Http.SourceIp, out var ip) ? ip : null,
        LocalPort = 443,
    };

    /// <summary>Splits a comma-separated list, keeping commas inside quoted strings.</summary>
    internal static StringValues SplitList(string value)
    {
        if (!value.Contains(',', StringComparison.Ordinal))
        {
            return value;
        }

        var items = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    AddItem(items, value[start..i]);
                    start = i + 1;
                    break;
            }
        }

        AddItem(items, value[start..]);
        return items.Count == 1 ? items[0] : items.ToArray();
    }

    private static void AddItem(List<string> items, string item)
    {
        item = item.Trim();
        if (item.Length > 0)
        {
            items.Add(item);
        }
    }

    // A named stage is part of the URL (/prod/events); it becomes PathBase as UsePathBase would make it.
    private static (string PathBase, string Path) SplitStage(string rawPath, string? stage)
    {
        if (string.IsNullOrEmpty(stage) || stage == "$default")
        {
            return ("", rawPath);
        }

        var prefix = "/" + stage;
        var matches = rawPath.StartsWith(prefix, StringComparison.Ordinal)
            && (rawPath.Length == prefix.Length || rawPath[prefix.Length] == '/');
        return matches ? (prefix, rawPath[prefix.Length..]) : ("", rawPath);
    }

    private static IHeaderDictionary ToHeaders(HttpApiRequest request, int bodyLength)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = ListHeaders.Contains(name) ? SplitList(value) : value;
        }

        if (request.Cookies is { Count: > 0 } cookies)
        {
            headers.Cookie = string.Join("; ", cookies);
        }

        if (!headers.ContainsKey(HeaderNames.Host) && !string.IsNullOrEmpty(request.RequestContext.DomainName))
        {
            headers.Host = request.RequestContext.DomainName;
        }

        // The body is here whole: its length is known and no transfer coding applies.
        headers.Remove(HeaderNames.TransferEncoding);
        if (bodyLength > 0 || headers.ContainsKey(HeaderNames.ContentLength))
        {
            headers.ContentLength = bodyLength;
        }

        return headers;
    }
}
