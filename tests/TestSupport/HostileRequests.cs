using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BitcoinEvents.TestSupport;

/// <summary>One route of an area as a client calls it: method and a concrete path (route values filled in).</summary>
public sealed record RouteUnderTest(string Operation, HttpMethod Method, string Path, bool ReadsBody, bool RequiresAuthorization)
{
    public override string ToString() => $"{Operation} ({Method} {Path})";
}

/// <summary>A request a hostile (or careless) client sends, and the 4xx statuses it may get.</summary>
public sealed record HostileRequest(string Name, Func<HttpRequestMessage> Create, IReadOnlySet<HttpStatusCode> Allowed)
{
    public override string ToString() => Name;
}

/// <summary>
/// The table of hostile requests every area's routes must refuse with a 4xx RFC 9457 problem
/// (never a 5xx, never a success): odd content types and charsets, bodies too large or malformed,
/// bad Idempotency-Key headers, path values that can't be ids. Each area's tests run it over every
/// route they map (see the Events area's HostileInputTests).
/// </summary>
public static class HostileRequests
{
    public const int LargeBodyBytes = (1024 * 1024) + 1;

    private static readonly HashSet<HttpStatusCode> UnsupportedMediaType = [HttpStatusCode.UnsupportedMediaType];
    private static readonly HashSet<HttpStatusCode> BadRequest = [HttpStatusCode.BadRequest];
    private static readonly HashSet<HttpStatusCode> TooLarge = [HttpStatusCode.RequestEntityTooLarge];
    private static readonly HashSet<HttpStatusCode> NotFoundOrBad = [HttpStatusCode.NotFound, HttpStatusCode.BadRequest];
    private static readonly HashSet<HttpStatusCode> Unauthorized = [HttpStatusCode.Unauthorized];

    /// <summary>Authorization headers that authenticate nobody.</summary>
    public static readonly IReadOnlyList<string> BogusAuthorizations =
    [
        "Bearer not-a-jwt",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.",
        "Basic YWRtaW46YWRtaW4=",
        "Bearer",
        "Bearer " + new string('A', 8000),
    ];

    /// <summary>Content types (and charsets) a JSON API must refuse with 415.</summary>
    public static readonly IReadOnlyList<string> UnsupportedContentTypes =
    [
        "application/json; charset=ebcdic",
        "application/json; charset=utf-7",
        "application/json; charset=foo",
        "application/json; charset=",
        "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-8; charset=ebcdic",
        "application/json;;;",
        "text/plain",
        "text/json",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "not a media type",
        "*/*",
    ];

    /// <summary>Bodies no JSON reader accepts, sent as application/json: 400 naming the body or a field.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Body)> MalformedJsonBodies =
    [
        ("truncated object", "{\"title\":"u8.ToArray()),
        ("trailing comma", "{\"title\": \"x\",}"u8.ToArray()),
        ("not JSON", "hello"u8.ToArray()),
        ("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']),
        ("lone surrogate escape", "{\"title\": \"\\ud800\"}"u8.ToArray()),
        ("nested 200 deep", Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200))),
        ("duplicate property", "{\"title\": \"a\", \"title\": \"b\"}"u8.ToArray()),
        ("NUL byte", [(byte)'{', 0, (byte)'}']),
    ];

    /// <summary>Idempotency-Key values a mutating request must be refused for (400 naming Idempotency-Key).</summary>
    public static readonly IReadOnlyList<string> MalformedIdempotencyKeys = ["a,b", "two words", "\"\"", new string('k', 256), "ключ"];

    /// <summary>Path segments that can't be ids of any resource (404, or 400 where the framework refuses the path).</summary>
    public static readonly IReadOnlyList<string> HostilePathValues =
    [
        "..", "%2e%2e", "..%2F..%2Fetc", "a%01b", "a%0Ab", new string('f', 33), new string('0', 5000),
        "0190A1B2C3D4E5F60718293A4B5C6D7E", "%E2%80%8B", "%F0%9F%9A%80", "' OR '1'='1", "EVENT%23x",
    ];

    /// <summary>Every hostile request for <paramref name="route"/>, built fresh for each send.</summary>
    public static IEnumerable<HostileRequest> For(RouteUnderTest route, Action<HttpRequestMessage>? authorize = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        HttpRequestMessage Request(string path, HttpContent? content)
        {
            var request = new HttpRequestMessage(route.Method, path) { Content = content };
            authorize?.Invoke(request);
            if (IsMutating(route.Method))
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            }

            return request;
        }

        foreach (var contentType in UnsupportedContentTypes)
        {
            yield return new($"{route}: Content-Type {contentType}", () => Request(route.Path, Body("{}"u8.ToArray(), contentType)), UnsupportedMediaType);
        }

        yield return new($"{route}: a body of {LargeBodyBytes} bytes", () => Request(route.Path, Body(LargeJson(), "application/json")), TooLarge);

        yield return new($"{route}: Accept text/html only, with an unsupported body", () =>
        {
            var request = Request(route.Path, Body("<p/>"u8.ToArray(), "text/html"));
            request.Headers.TryAddWithoutValidation("Accept", "text/html");
            return request;
        }, UnsupportedMediaType);

        if (route.RequiresAuthorization)
        {
            foreach (var authorization in BogusAuthorizations)
            {
                yield return new($"{route}: Authorization '{Shorten(authorization)}'", () =>
                {
                    var request = Request(route.Path, route.ReadsBody ? Body("{}"u8.ToArray(), "application/json") : null);
                    request.Headers.Remove("Authorization");
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                    return request;
                }, Unauthorized);
            }
        }

        foreach (var (name, body) in MalformedJsonBodies)
        {
            yield return new($"{route}: {name}", () => Request(route.Path, Body(body, "application/json")), BadRequest);
        }

        if (!route.ReadsBody)
        {
            yield return new($"{route}: a body it does not take", () => Request(route.Path, Body("{\"title\": \"x\"}"u8.ToArray(), "application/json")), BadRequest);
        }

        if (IsMutating(route.Method))
        {
            foreach (var key in MalformedIdempotencyKeys)
            {
                yield return new($"{route}: Idempotency-Key '{Shorten(key)}'", () =>
                {
                    var request = Request(route.Path, route.ReadsBody ? Body("{}"u8.ToArray(), "application/json") : null);
                    request.Headers.Remove("Idempotency-Key");
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                    return request;
                }, BadRequest);
            }
        }
    }

    /// <summary>The route with its <paramref name="parameterValue"/> replaced by each hostile path value.</summary>
    public static IEnumerable<HostileRequest> ForPathValues(RouteUnderTest route, string parameterValue, Action<HttpRequestMessage>? authorize = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        foreach (var value in HostilePathValues)
        {
            var path = route.Path.Replace(parameterValue, value, StringComparison.Ordinal);
            yield return new($"{route}: id '{Shorten(value)}'", () =>
            {
                var request = new HttpRequestMessage(route.Method, path);
                authorize?.Invoke(request);
                if (route.ReadsBody)
                {
                    request.Content = Body("{}"u8.ToArray(), "application/json");
                }

                if (IsMutating(route.Method))
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                }

                return request;
            }, NotFoundOrBad);
        }
    }

    /// <summary>
    /// Asserts the answer to <paramref name="request"/>: one of its allowed 4xx statuses, as an RFC 9457
    /// problem with type, title, status and code; a 400 names each field with its reasons.
    /// </summary>
    public static async Task<JsonObject> AssertRefusedAsync(HostileRequest request, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(
            request.Allowed.Contains(response.StatusCode),
            $"{request}: expected {string.Join(" or ", request.Allowed.Select(s => (int)s))}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == ApiClient.ProblemContentType, $"{request}: not a problem: {response.Content.Headers.ContentType} {text}");
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)response.StatusCode, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()), $"{request}: no type in {text}");
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), $"{request}: no title in {text}");
        Assert.False(string.IsNullOrEmpty(problem["code"]?.GetValue<string>()), $"{request}: no code in {text}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is { Count: > 0 }, $"{request}: a 400 must name the field: {text}");
            Assert.All(errors, e => Assert.NotEmpty(e.Value!.AsArray()));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()), $"{request}: no detail (the reason) in {text}");
        }

        return problem;
    }

    public static bool IsMutating(HttpMethod method) =>
        method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static byte[] LargeJson()
    {
        var json = new StringBuilder(LargeBodyBytes + 32).Append("{\"description\":\"");
        json.Append('x', LargeBodyBytes).Append("\"}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static string Shorten(string value) => value.Length > 24 ? value[..24] + "…" : value;
}
