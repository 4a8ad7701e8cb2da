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

        var (pathBase, rawRoutePath) = SplitStage(rawPath, request.RequestContext.Stage);
        var path = PathFromRoute(request) ?? EscapeDecodedPath(rawRoutePath);
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
            RawTarget = pathBase + path + query,
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

    // HTTP APIs hand rawPath over already percent-DECODED (captures of live events show "a%2Fb"
    // arriving as "a/b"), so rawPath cannot tell "/events/a%2Fb" from "/events/a/b". When API
    // Gateway matched a route template, the path is rebuilt from that template and the decoded
    // pathParameters, each value encoded again: route values then come out exactly as sent.
    internal static string? PathFromRoute(HttpApiRequest request)
    {
        var routeKey = string.IsNullOrEmpty(request.RouteKey) ? request.RequestContext.RouteKey : request.RouteKey;
        var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || request.PathParameters is not { } parameters)
        {
            return null; // $default: no template, only rawPath
        }

        var template = routeKey[(space + 1)..];
        var builder = new StringBuilder(template.Length + 16);
        foreach (var segment in template.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/');
            if (segment is ['{', .., '}'])
            {
                var greedy = segment.EndsWith("+}", StringComparison.Ordinal);
                var name = greedy ? segment[1..^2] : segment[1..^1];
                if (!parameters.TryGetValue(name, out var value))
                {
                    return null;
                }

                builder.Append(greedy
                    ? string.Join('/', value.Split('/').Select(Uri.EscapeDataString))
                    : Uri.EscapeDataString(value));
            }
            else
            {
                builder.Append(segment);
            }
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    // Without a template, rawPath is all there is. Whatever cannot stand literally in an encoded
    // path (space, '?', '#', non-ASCII, a '%' that starts no escape) is escaped, so a decoded path
    // stays one valid path and an encoded one passes through unchanged.
    internal static string EscapeDecodedPath(string rawPath)
    {
        var builder = new StringBuilder(rawPath.Length + 8);
        var i = 0;
        while (i < rawPath.Length)
        {
            var end = i;
            while (end < rawPath.Length && !CanStandInPath(rawPath, end))
            {
                end++; // escape a whole run at once so surrogate pairs stay together
            }

            if (end > i)
            {
                builder.Append(Uri.EscapeDataString(rawPath[i..end]));
                i = end;
            }
            else
            {
                builder.Append(rawPath[i++]);
            }
        }

        return builder.ToString();
    }

    private static bool CanStandInPath(string path, int index) => path[index] switch
    {
        '%' => index + 2 < path.Length && Uri.IsHexDigit(path[index + 1]) && Uri.IsHexDigit(path[index + 2]),
        '/' or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' => true,
        var c => char.IsAsciiLetterOrDigit(c),
    };

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
