using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.DevHost;
using BitcoinEvents.LocalAws;
using DevHost.Tests.Support;

namespace DevHost.Tests.OpenApi;

/// <summary>
/// The OpenAPI document DevHost serves (/openapi/v1.json), built from the real areas: complete
/// enough to generate a working client. Every operation is a route of template.yaml; every
/// header an operation needs, every problem it can answer, the security of authorized
/// operations and the constraints of request bodies and query parameters are declared.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] MutatingMethods = ["post", "put", "patch", "delete"];

    [Fact]
    public async Task EveryOperation_IsARouteOfTheTemplate_AndEveryRouteIsDocumented()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);
        var routes = SamTemplate.LoadDefault().Functions
            .SelectMany(f => f.HttpRoutes.Select(r => (Key: $"{r.Method.ToUpperInvariant()} {r.Path}", f.Handler, r.RequiresAuthorization)))
            .ToDictionary(r => r.Key, r => r, StringComparer.Ordinal);

        var operations = Operations(document).ToList();

        Assert.NotEmpty(operations);
        Assert.Equal(routes.Keys.Order(StringComparer.Ordinal), operations.Select(o => o.Key).Order(StringComparer.Ordinal));
        foreach (var (key, operation) in operations)
        {
            Assert.Equal(routes[key].Handler, operation["operationId"]!.GetValue<string>());
            Assert.True(routes[key].RequiresAuthorization == operation["security"] is JsonArray { Count: > 0 }, $"{key}: security does not match the template's authorizer.");
        }
    }

    [Fact]
    public async Task EveryOperation_DeclaresItsHeaders_AndEveryProblemThePipelineCanAnswer()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);

        foreach (var (key, operation) in Operations(document))
        {
            var method = key.Split(' ')[0].ToLowerInvariant();
            var path = key.Split(' ')[1];
            var responses = operation["responses"]!.AsObject();
            var statuses = responses.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            void Declares(string status, string why) =>
                Assert.True(statuses.Contains(status), $"{key} ({operation["operationId"]}): no {status} response, though {why}.");

            Declares("500", "any operation can fail");
            if (operation["security"] is JsonArray { Count: > 0 })
            {
                Declares("401", "it requires a signed-in caller");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Declares("404", "its path names a resource");
            }

            if (operation["requestBody"] is not null)
            {
                Declares("400", "it reads a body");
                Declares("413", "bodies have a size limit");
                Declares("415", "bodies must be UTF-8 JSON");
            }

            var headers = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "header")
                .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!, StringComparer.OrdinalIgnoreCase);
            if (MutatingMethods.Contains(method))
            {
                Assert.True(headers.ContainsKey("Idempotency-Key"), $"{key}: Idempotency-Key is not declared.");
                Declares("409", "a retry while the first request runs is a conflict");
                Declares("422", "an Idempotency-Key reused with another body is refused");
            }
            else
            {
                Assert.False(headers.ContainsKey("Idempotency-Key"), $"{key}: a read takes no Idempotency-Key.");
            }

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                var expected = status == "400" ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails";
                Assert.True(schema == expected, $"{key}: the {status} response is not an application/problem+json {expected}, but {response.ToJsonString()}");
            }
        }

        var create = Operation(document, "post", "/events");
        Assert.True(Header(create, "Idempotency-Key")["required"]!.GetValue<bool>());
        Assert.False(Header(Operation(document, "patch", "/events/{eventId}"), "Idempotency-Key")["required"]?.GetValue<bool>() ?? false);
        foreach (var (method, path) in new[] { ("patch", "/events/{eventId}"), ("post", "/events/{eventId}/publish"), ("post", "/events/{eventId}/cancel") })
        {
            Assert.Equal("412", Operation(document, method, path)["responses"]!.AsObject().Select(r => r.Key).Single(k => k == "412"));
            Assert.NotNull(Header(Operation(document, method, path), "If-Match"));
        }
    }

    [Fact]
    public async Task Problems_DeclareTheirStableCode()
    {
        var schemas = (await OpenApiDocument.BuildAsync(Ct))["components"]!["schemas"]!;

        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            Assert.Equal("string", schemas[name]!["properties"]!["code"]!["type"]!.GetValue<string>());
            Assert.Contains("code", Required(schemas[name]!));
        }

        Assert.NotNull(schemas["HttpValidationProblemDetails"]!["properties"]!["errors"]);
    }

    [Fact]
    public async Task RequestBodies_DeclareTheirConstraints()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);
        var schemas = document["components"]!["schemas"]!;
        var create = schemas["CreateEventRequest"]!;
        var venue = schemas["VenueRequest"]!;

        Assert.Equal(["capacity", "endsAt", "startsAt", "title", "venue"], Required(create).Order(StringComparer.Ordinal));
        Assert.Empty(Required(schemas["UpdateEventRequest"]!));
        Assert.Equal(["reason"], Required(schemas["CancelEventRequest"]!));
        Assert.Equal(["contentType"], Required(schemas["CoverImageUploadRequest"]!));
        Assert.Equal(["addressLines", "city", "country", "name", "timeZone"], Required(venue).Order(StringComparer.Ordinal));

        var title = create["properties"]!["title"]!;
        Assert.Equal((1, 200), (title["minLength"]!.GetValue<int>(), title["maxLength"]!.GetValue<int>()));
        Assert.Equal("string", title["type"]!.GetValue<string>());
        var capacity = create["properties"]!["capacity"]!;
        Assert.Equal("integer", capacity["type"]!.GetValue<string>());
        Assert.Equal((1, 1_000_000), (capacity["minimum"]!.GetValue<int>(), capacity["maximum"]!.GetValue<int>()));
        Assert.Equal("date-time", create["properties"]!["startsAt"]!["format"]!.GetValue<string>());
        Assert.Equal("string", create["properties"]!["startsAt"]!["type"]!.GetValue<string>());
        Assert.Equal(10_000, create["properties"]!["description"]!["maxLength"]!.GetValue<int>());
        Assert.Equal((1, 4), (venue["properties"]!["addressLines"]!["minItems"]!.GetValue<int>(), venue["properties"]!["addressLines"]!["maxItems"]!.GetValue<int>()));
        Assert.NotNull(venue["properties"]!["country"]!["pattern"]);
        Assert.Equal(
            ["image/jpeg", "image/png", "image/webp"],
            schemas["CoverImageUploadRequest"]!["properties"]!["contentType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(1_000, schemas["CancelEventRequest"]!["properties"]!["reason"]!["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task QueryAndPathParameters_DeclareTheirConstraints()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);
        var list = Operation(document, "get", "/events");

        Assert.Equal(["soonest", "newest"], Parameter(list, "sort")["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var limit = Parameter(list, "limit")["schema"]!;
        Assert.Equal(("integer", 1, 100), (limit["type"]!.GetValue<string>(), limit["minimum"]!.GetValue<int>(), limit["maximum"]!.GetValue<int>()));
        Assert.Equal(2048, Parameter(list, "cursor")["schema"]!["maxLength"]!.GetValue<int>());
        Assert.Equal("integer", Parameter(Operation(document, "get", "/organizer/events"), "limit")["schema"]!["type"]!.GetValue<string>());
        foreach (var (key, operation) in Operations(document).Where(o => o.Key.Contains("{eventId}", StringComparison.Ordinal)))
        {
            Assert.True(Parameter(operation, "eventId")["schema"]!["pattern"]?.GetValue<string>() == "^[0-9a-f]{32}$", $"{key}: eventId has no pattern.");
        }
    }

    [Fact]
    public async Task Numbers_AreJsonNumbersOnly()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);

        var offenders = Descendants(document)
            .Where(node => node["type"] is JsonArray types
                && types.Any(t => t!.GetValue<string>() is "integer" or "number")
                && types.Any(t => t!.GetValue<string>() == "string"))
            .Select(node => node.ToJsonString())
            .ToList();

        Assert.Empty(offenders);
        Assert.DoesNotContain("^-?(?:0|[1-9]\\d*)$", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentInstructionsAmount_IsDescribedAsThePaymentsApiWritesIt()
    {
        var document = await OpenApiDocument.BuildAsync(Ct);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var written = JsonSerializer.SerializeToNode(
            new PaymentInstructions { Kind = "crypto", Amount = new Money(1_234, "BTC") },
            PaymentsJsonContext.Default.PaymentInstructions)!["amount"]!.AsObject();

        var reference = schemas["PaymentInstructions"]!["properties"]!["amount"]!["oneOf"]!.AsArray()
            .Single(s => s!["$ref"] is not null)!["$ref"]!.GetValue<string>();
        var described = schemas[reference.Split('/')[^1]]!;

        Assert.Equal(["amount", "currency"], written.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(written.Select(p => p.Key).Order(StringComparer.Ordinal), described["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(written.Select(p => p.Key).Order(StringComparer.Ordinal), Required(described).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(string Key, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Value is JsonObject o && o.ContainsKey("responses"))
            .Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())));

    private static JsonObject Operation(JsonObject document, string method, string path) =>
        document["paths"]![path]![method]!.AsObject();

    private static JsonNode Parameter(JsonObject operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

    private static JsonNode Header(JsonObject operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == name)!;

    private static List<string> Required(JsonNode schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
        }
    }
}

/// <summary>Builds DevHost's app (no local servers), starts it on a free port and reads its OpenAPI document.</summary>
internal static class OpenApiDocument
{
    public static async Task<JsonObject> BuildAsync(CancellationToken ct)
    {
        await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = Areas.Of(Templates.Real()),
            Template = Templates.Real(),
            Port = 0,
        });
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app) };
        var document = await http.GetFromJsonAsync<JsonObject>("openapi/v1.json", ct);
        await app.StopAsync(ct);
        return document!;
    }
}
