using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Infrastructure.Tests.Http;

/// <summary>
/// The platform's pipeline around a small test area: the caller, resource ids, request bodies,
/// strict JSON, the problem writer and the problems every endpoint declares.
/// </summary>
public sealed class PlatformPipelineTests : IAsyncLifetime
{
    private TestArea _area = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _area = await TestArea.StartAsync();

    public async ValueTask DisposeAsync() => await _area.DisposeAsync();

    [Fact]
    public async Task Handler_GetsTheSignedInCaller()
    {
        using var response = await SendAsync(HttpMethod.Get, "/me", claims: "sub=abc;groups=organizer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"abc\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TokenWithoutSubject_Gets401_AndNoHandlerRuns()
    {
        using var response = await SendAsync(HttpMethod.Get, "/me", claims: "email=someone@example.test");

        var problem = await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", problem["code"]!.GetValue<string>());
        Assert.Equal("Authentication required.", problem["title"]!.GetValue<string>());
        Assert.Equal("Sign in to do this.", problem["detail"]!.GetValue<string>());
        Assert.Equal(ProblemKinds.Unauthenticated.Type, problem["type"]!.GetValue<string>());
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Fact]
    public async Task Anonymous_OnAnAuthorizedRoute_Gets401Problem()
    {
        using var response = await SendAsync(HttpMethod.Get, "/me");

        var problem = await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", problem["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("123456789")]
    [InlineData("%20")]
    [InlineData("1%2F2")]
    public async Task MalformedResourceId_Gets404ForTheResource_BeforeTheHandler(string thingId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/things/{thingId}");

        var problem = await ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem["code"]!.GetValue<string>());
        Assert.StartsWith("No thing with id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Fact]
    public async Task WellFormedResourceId_ReachesTheHandler()
    {
        using var response = await SendAsync(HttpMethod.Get, "/things/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _area.HandlerRuns);
    }

    [Fact]
    public async Task ResourceIdIsCheckedAfterTheCaller()
    {
        using var response = await SendAsync(HttpMethod.Post, "/things/abc/touch");

        await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("text/plain")]
    [InlineData("application/json;;;")]
    [InlineData("nonsense")]
    public async Task BodyInAnotherMediaTypeOrCharset_Gets415_AndNoHandlerRuns(string contentType)
    {
        using var response = await SendAsync(HttpMethod.Post, "/things", "{\"name\":\"x\"}", contentType, claims: "sub=abc");

        var problem = await ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", problem["code"]!.GetValue<string>());
        Assert.Contains("UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/problem+json")]
    public async Task JsonInUtf8_IsRead(string contentType)
    {
        using var response = await SendAsync(HttpMethod.Post, "/things", "{\"name\":\"x\",\"count\":80}", contentType, claims: "sub=abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(80, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413()
    {
        var body = "{\"name\":\"" + new string('x', RequestBodies.MaxBytes) + "\"}";

        using var response = await SendAsync(HttpMethod.Post, "/things", body, claims: "sub=abc");

        var problem = await ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payload_too_large", problem["code"]!.GetValue<string>());
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Fact]
    public async Task BodyThatIsNotUtf8_Gets400NamingTheBody_EvenInAPropertyNobodyReads()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/things")
        {
            Content = new ByteArrayContent([.. "{\"unknown\":\""u8, 0xC3, 0x28, .. "\"}"u8]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add(TestArea.ClaimsHeader, "sub=abc");

        using var response = await _area.Client.SendAsync(request, Ct);

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(RequestBodies.NotUtf8Reason, problem["errors"]!["body"]![0]!.GetValue<string>());
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Theory]
    [InlineData("{\"title\": 5}")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    public async Task BodyOnARouteThatReadsNone_IsRefused_UnlessItSaysNothing(string body)
    {
        using var refused = await SendAsync(HttpMethod.Post, "/things/42/touch", body, claims: "sub=abc");

        var problem = await ReadProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(RequestBodies.UnexpectedBodyReason, problem["errors"]!["body"]![0]!.GetValue<string>());
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" { } ")]
    [InlineData("null")]
    [InlineData("")]
    public async Task EmptyJsonOnARouteThatReadsNone_IsFine(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/things/42/touch", body, claims: "sub=abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BodyOnARouteThatReadsNone_MustStillBeJson()
    {
        using var response = await SendAsync(HttpMethod.Post, "/things/42/touch", "<xml/>", "application/xml", claims: "sub=abc");

        await ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"count\": \"80\"}", "count", "has the wrong type or format.")]
    [InlineData("{\"count\": 80.5}", "count", "has the wrong type or format.")]
    [InlineData("{\"count\": 1e12}", "count", "has the wrong type or format.")]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}", "name", "is given more than once.")]
    [InlineData("{\"at\": \"2030-03-01T18:00:00\"}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"at\": \"2030-03-01\"}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"at\": \"2030-03-01 18:00:00Z\"}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"at\": \"03/01/2030 18:00 +00:00\"}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"at\": 1893520800}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"at\": \"2030-02-30T18:00:00Z\"}", "at", Rfc3339DateTimeOffsetConverter.Reason)]
    [InlineData("{\"name\": ", "name", "is not valid JSON.")]
    [InlineData("[1, 2]", "body", "has the wrong type or format.")]
    public async Task StrictJson_NamesTheFieldAndTheReason(string body, string field, string reason)
    {
        using var response = await SendAsync(HttpMethod.Post, "/things", body, claims: "sub=abc");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"Expected {field} in {problem}");
        Assert.Equal(reason, errors[field]![0]!.GetValue<string>());
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Theory]
    [InlineData("2030-03-01T18:00:00Z", "2030-03-01T18:00:00+00:00")]
    [InlineData("2030-03-01T19:00:00.123+01:00", "2030-03-01T19:00:00.123+01:00")]
    [InlineData("2030-03-01t18:00:00z", "2030-03-01T18:00:00+00:00")]
    public async Task Rfc3339DateTimes_AreRead(string sent, string echoed)
    {
        using var response = await SendAsync(HttpMethod.Post, "/things", $"{{\"at\":\"{sent}\"}}", claims: "sub=abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(echoed, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["at"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProblemsAreJson_EvenWhenTheClientAcceptsOnlyHtml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/things/abc");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var notFound = await _area.Client.SendAsync(request, Ct);
        using var unknownRoute = await SendAsync(HttpMethod.Get, "/nowhere", accept: "text/html");
        using var broken = await SendAsync(HttpMethod.Get, "/broken", accept: "text/html");

        await ReadProblemAsync(notFound, HttpStatusCode.NotFound);
        Assert.Equal("not_found", (await ReadProblemAsync(unknownRoute, HttpStatusCode.NotFound))["code"]!.GetValue<string>());
        Assert.Equal("internal_error", (await ReadProblemAsync(broken, HttpStatusCode.InternalServerError))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongMethod_Gets405ProblemFromTheTable()
    {
        using var response = await SendAsync(HttpMethod.Delete, "/me");

        var problem = await ReadProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(ProblemKinds.MethodNotAllowed.Type, problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingRequiredIdempotencyKey_Gets400NamingTheHeader_AndNoHandlerRuns()
    {
        using var response = await SendAsync(HttpMethod.Post, "/orders", claims: "sub=abc");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
        Assert.Equal(0, _area.HandlerRuns);
    }

    [Fact]
    public void EveryOperation_DeclaresTheProblemsThePipelineCanAnswer()
    {
        var statuses = ProblemStatuses();

        Assert.Equal([400, 401, 403, 409, 413, 415, 422, 500], statuses["CreateThing"]);
        Assert.Equal([400, 401, 409, 413, 422, 500], statuses["PlaceOrder"]);
        Assert.Equal([401, 500], statuses["GetMe"]);
        Assert.Equal([404, 500], statuses["GetThing"]);
        Assert.Equal([400, 401, 404, 409, 413, 422, 500], statuses["TouchThing"]);
    }

    [Fact]
    public void MutatingOperations_DescribeTheIdempotencyKeyHeader()
    {
        var headers = Endpoints().ToDictionary(e => Name(e), e => e.Metadata.GetOrderedMetadata<RequestHeaderMetadata>());

        Assert.True(Assert.Single(headers["PlaceOrder"]).Required);
        Assert.False(Assert.Single(headers["CreateThing"]).Required);
        Assert.False(Assert.Single(headers["TouchThing"]).Required);
        Assert.Empty(headers["GetMe"]);
    }

    [Fact]
    public void ProblemResponses_UseTheProblemMediaType_AndValidationProblemsFor400()
    {
        var create = Endpoints().Single(e => Name(e) == "CreateThing");
        var responses = create.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(m => m.StatusCode >= 400).ToList();

        Assert.All(responses, r => Assert.Equal(["application/problem+json"], r.ContentTypes));
        Assert.Equal(typeof(HttpValidationProblemDetails), responses.Single(r => r.StatusCode == 400).Type);
        Assert.Equal(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), responses.Single(r => r.StatusCode == 415).Type);
    }

    private Dictionary<string, int[]> ProblemStatuses() =>
        Endpoints().ToDictionary(
            e => Name(e),
            e => e.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(m => m.StatusCode >= 400).Select(m => m.StatusCode).Distinct().Order().ToArray());

    private IEnumerable<Endpoint> Endpoints() =>
        _area.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.Where(PlatformOperationMetadata.IsOperation);

    private static string Name(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? claims = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (claims is not null)
        {
            request.Headers.Add(TestArea.ClaimsHeader, claims);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await _area.Client.SendAsync(request, Ct);
    }

    private static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.StartsWith(ProblemKinds.TypePrefix, problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        return problem;
    }
}
