using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Lambda.Tests;

public sealed class HttpBridgeTests(HttpBridgeFixture bridge) : IClassFixture<HttpBridgeFixture>
{
    [Fact]
    public async Task Invoke_WithDocumentedGetEvent_RunsTheRouteWithKestrelShapedRequest()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-get.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        Assert.Null(response.Raw["multiValueHeaders"]);
        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("GET", echo.Method);
        Assert.Equal("https", echo.Scheme);
        Assert.Equal("a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com", echo.Host);
        Assert.Equal("", echo.PathBase);
        Assert.Equal("/echo/hello", echo.Path);
        Assert.Equal("?page=2&sort=name", echo.QueryString);
        Assert.Equal("hello", echo.RouteValues["rest"]);
        Assert.Equal("198.51.100.7", echo.RemoteIp);
        Assert.Equal(HttpBridgeFixture.LambdaRequestId, echo.TraceIdentifier);
        Assert.False(echo.User.IsAuthenticated);
    }

    [Fact]
    public async Task Invoke_WithBase64EncodedBody_GivesTheAppTheDecodedBytes()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-base64-body.json"));

        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("POST", echo.Method);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xC3, 0x28, 0xFE, 0xFF }, Convert.FromBase64String(echo.BodyBase64));
        Assert.Equal(8, echo.ContentLength);
        Assert.True(echo.CanHaveBody);
    }

    [Fact]
    public async Task Invoke_WithJsonBody_BindsItToTheEndpointParameter()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-json-body.json"));

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("/orders/evt-42", response.Header("Location"));
        Assert.Equal(new OrderRequest("evt-42", 3), response.BodyAs<OrderRequest>());
    }

    [Fact]
    public async Task Invoke_WithEmptyBody_GivesNoBodyAndContentLengthZero()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-empty-body.json"));

        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("", echo.BodyBase64);
        Assert.Equal(0, echo.ContentLength);
        Assert.False(echo.CanHaveBody);
    }

    [Fact]
    public async Task Invoke_PostWithoutBodyToJsonEndpoint_Answers400()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-empty-body.json", rawPath: "/orders"));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_WhenResponseIsBinary_ReturnsItBase64Encoded()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-binary-response.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsBase64Encoded);
        Assert.Equal("image/png", response.Header("Content-Type"));
        Assert.Equal(TestArea.PngBytes, Convert.FromBase64String(response.Body));
    }

    [Fact]
    public async Task Invoke_WhenResponseIsUtf8Text_ReturnsItAsPlainString()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-text-response.json"));

        Assert.False(response.IsBase64Encoded);
        Assert.Equal("héllo ✓ <b>", response.Body);
        Assert.Equal("text/plain; charset=utf-8", response.Header("Content-Type"));
    }

    [Fact]
    public async Task Invoke_WhenResponseHasNoContentType_InventsNoneAndStillReturnsTheBody()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-no-content-type.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Header("Content-Type"));
        Assert.True(response.IsBase64Encoded);
        Assert.Equal("raw bytes", Encoding.UTF8.GetString(response.BodyBytes));
    }

    [Fact]
    public async Task Invoke_WithRequestCookies_JoinsThemIntoOneCookieHeader()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-cookies.json"));

        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal(["session=abc123; theme=dark"], echo.Headers["Cookie"]);
        Assert.Equal("abc123", echo.Cookies["session"]);
        Assert.Equal("dark", echo.Cookies["theme"]);
    }

    [Fact]
    public async Task Invoke_WhenAppSetsSeveralCookies_ReturnsEachInCookiesAndDropsHopByHopHeaders()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-set-cookies.json"));

        Assert.Equal(["session=s3cr3t; path=/; httponly", "theme=dark; path=/"], response.Cookies);
        Assert.Null(response.Header("Set-Cookie"));
        Assert.Equal("one,two", response.Header("X-Multi"));
        Assert.Null(response.Header("Connection"));
        Assert.Null(response.Header("Keep-Alive"));
        Assert.Null(response.Header("Transfer-Encoding"));
        Assert.Equal("cookies set", response.Body);
    }

    [Fact]
    public async Task Invoke_WithRepeatedQueryKeys_BuildsTheQueryFromRawQueryString()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-repeated-query.json"));

        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("?tag=btc&tag=lightning&q=a%2Cb&plus=1%2B1&space=a+b", echo.QueryString);
        Assert.Equal(["btc", "lightning"], echo.Query["tag"]);
        Assert.Equal(["a,b"], echo.Query["q"]);
        Assert.Equal(["1+1"], echo.Query["plus"]);
        Assert.Equal(["a b"], echo.Query["space"]);
    }

    [Fact]
    public async Task Invoke_WithCommaJoinedHeaders_SplitsListHeadersOnlyAndKeepsDatesWhole()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-comma-headers.json"));

        var headers = new Dictionary<string, string[]>(response.BodyAs<EchoResponse>().Headers, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["application/json", "text/plain;q=0.5"], headers["Accept"]);
        Assert.Equal(["gzip", "br"], headers["Accept-Encoding"]);
        Assert.Equal(["\"v1,a\"", "\"v2\""], headers["If-None-Match"]);
        Assert.Equal(["Wed, 21 Oct 2015 07:28:00 GMT"], headers["If-Modified-Since"]);
        Assert.Equal(["Mozilla/5.0 (X11; Linux x86_64, like Gecko) Test/1.0"], headers["User-Agent"]);
        Assert.Equal(["one,two"], headers["X-Custom"]);
    }

    [Fact]
    public async Task Invoke_WithPercentEncodedPath_KeepsEncodedSlashAndDecodesTheRestLikeKestrel()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-encoded-path.json"));

        Assert.Equal(200, response.StatusCode);
        // Kestrel's result for the same raw path (see LocalHostTests): %2F stays, %2B and %25 decode, + is a plus.
        Assert.Equal("a%2Fb+c%d+e", response.Body);
    }

    [Fact]
    public async Task Invoke_WhenApiGatewayDeliversRawPathDecoded_RebuildsThePathFromTheRouteParameters()
    {
        // HTTP APIs decode rawPath before invoking: "/items/a%2Fb%2Bc%25d+e" arrives as "/items/a/b+c%d+e".
        var root = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read("http-api-v2-encoded-path.json"))!.AsObject();
        root["rawPath"] = "/items/a/b+c%d+e";
        root["requestContext"]!["http"]!["path"] = "/items/a/b+c%d+e";

        var response = await bridge.InvokeAsync(root.ToJsonString());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("a%2Fb+c%d+e", response.Body);
    }

    [Fact]
    public async Task Invoke_WithPercentEncodedPath_ExposesRawTargetAndDecodedPath()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-get.json", rawPath: "/echo/a%2Fb/c%20d+e%25"));

        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("/echo/a%2Fb/c d+e%", echo.Path);
        Assert.Equal("/echo/a%2Fb/c%20d+e%25?page=2&sort=name", echo.RawTarget);
        Assert.Equal("a%2Fb/c d+e%", echo.RouteValues["rest"]);
    }

    [Fact]
    public async Task Invoke_WithNamedStage_MovesStagePrefixIntoPathBase()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-stage.json"));

        Assert.Equal(200, response.StatusCode);
        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("/prod", echo.PathBase);
        Assert.Equal("/echo/staged", echo.Path);
        Assert.Equal("/prod/echo/staged", echo.RawTarget);
    }

    [Fact]
    public async Task Invoke_WithJwtAuthorizer_MakesClaimsTheUserWithGroupsSplitAndScopes()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-jwt.json"));

        var user = response.BodyAs<EchoResponse>().User;
        Assert.True(user.IsAuthenticated);
        Assert.Equal(LambdaHttpServer.JwtAuthenticationType, user.AuthenticationType);
        Assert.Equal("3f2b8c1e-6d5a-4e7f-9a0b-1c2d3e4f5a6b", user.Name);
        Assert.True(user.IsOrganizer);
        Assert.Equal(["organizer", "staff"], ClaimValues(user, "cognito:groups"));
        Assert.Equal(["events/read", "events/write"], ClaimValues(user, "scope"));
        Assert.Equal(["alice@example.com"], ClaimValues(user, "email"));
        Assert.Equal(["1741947600"], ClaimValues(user, "exp"));
    }

    [Fact]
    public async Task Invoke_WithJwtInRequiredRole_PassesAuthorization()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-jwt.json", rawPath: "/organizers/me"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("3f2b8c1e-6d5a-4e7f-9a0b-1c2d3e4f5a6b", response.Body);
    }

    [Fact]
    public async Task Invoke_WithoutJwtOnProtectedRoute_Answers401()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-get.json", rawPath: "/organizers/me"));

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_WithHeadRequest_ReturnsHeadersWithoutBody()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-head.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/plain", response.Header("Content-Type"));
        Assert.Equal("", response.Body);
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public async Task Invoke_WhenAppThrows_Answers500ProblemWithoutDetails()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-throws.json"));

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("application/problem+json", response.Header(HeaderNames.ContentType));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(
            ["status", "title", "type"],
            problem.RootElement.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4111", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_AfterAppThrew_ServesTheNextRequest()
    {
        await bridge.InvokeAsync(Fixtures.Read("http-api-v2-throws.json"));

        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-throws.json").Replace("\"rawQueryString\": \"\"", "\"rawQueryString\": \"ok\"", StringComparison.Ordinal));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("fine", response.Body);
    }

    [Fact]
    public async Task Invoke_RunsOnStartingAndOnCompletedCallbacksAndDisposesTheRequestScope()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-get.json", rawPath: "/callbacks"));

        Assert.Equal("ran", response.Header("X-On-Starting"));
        Assert.Contains(HttpBridgeFixture.LambdaRequestId, bridge.Recorder.CompletedRequests);
        Assert.Contains(Guid.Parse(response.Header("X-Scope")!), bridge.Recorder.DisposedScopes);
    }

    [Fact]
    public async Task Invoke_SerializesTheResponseEscapingOnlyWhatJsonRequires()
    {
        var json = await bridge.InvokeRawAsync(Fixtures.Read("http-api-v2-json-body.json"));

        Assert.Contains("\\\"eventId\\\":\\\"evt-42\\\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithUnmatchedRoute_Answers404()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-get.json", rawPath: "/nowhere"));

        Assert.Equal(404, response.StatusCode);
    }

    private static string[] ClaimValues(EchoUser user, string type) =>
        [.. user.Claims.Where(claim => claim.Type == type).Select(claim => claim.Value)];
}
