using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Events.Tests.Support;

namespace Events.Tests.Operations;

public sealed class CreateEventTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task Create_AsOrganizer_Returns201WithLocationETagAndDraft()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        var created = await EventsApi.ReadEventAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/organizer/events/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());
        Assert.Equal("draft", created.Status);
        Assert.Equal(aws.Organizer.Sub, created.OrganizerId);
        Assert.Equal(1, created.Version);
        Assert.Equal("Europe/Lisbon", created.Venue.TimeZone);
        Assert.Equal(120, created.Capacity);
    }

    [Fact]
    public async Task Create_ResponseIsCamelCaseWithoutStorageKeys()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Contains("startsAt", json.Select(p => p.Key));
        Assert.DoesNotContain(json, p => p.Key is "pk" or "sk" || p.Key.StartsWith("gsi", StringComparison.Ordinal));
        Assert.DoesNotContain(json, p => p.Key == "publishedAt");
    }

    [Fact]
    public async Task Create_AsAdmin_Returns201()
    {
        using var api = aws.App.Api(aws.Admin);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_WithIdToken_IsAcceptedThroughItsAudience()
    {
        using var client = aws.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", aws.Organizer.IdToken);
        using var api = new EventsApi(client);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_AsAttendee_Returns403()
    {
        using var api = aws.App.Api(aws.Attendee);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_Anonymous_Returns401Problem()
    {
        using var api = aws.App.Api(null);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_WithTamperedToken_Returns401()
    {
        var token = aws.Organizer.AccessToken;
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        using var client = aws.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
        using var api = new EventsApi(client);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_WithTokenOfAnotherAppClient_Returns401()
    {
        using var cognito = aws.Servers.CreateCognito();
        var otherClient = await cognito.CreateUserPoolClientAsync(
            aws.Resources.UserPoolId!, "other-client-" + Guid.NewGuid().ToString("N")[..6],
            new JsonObject { ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH") },
            TestContext.Current.CancellationToken);
        var tokens = await cognito.SignInAsync(otherClient, aws.Organizer.Email, "Local-Passw0rd-2030", TestContext.Current.CancellationToken);
        using var client = aws.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var api = new EventsApi(client);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon));

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_WithoutIdempotencyKey_Returns400NamingIdempotencyKey()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon), idempotencyKey: null);

        await EventsApi.AssertValidationErrorAsync(response, "Idempotency-Key");
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("\"\"")]
    [InlineData("key with spaces")]
    [InlineData("ключ")]
    public async Task Create_WithMalformedIdempotencyKey_Returns400NamingIdempotencyKey(string key)
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon), idempotencyKey: key);

        await EventsApi.AssertValidationErrorAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task Create_WithTooLongIdempotencyKey_Returns400NamingIdempotencyKey()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(EventsApi.ValidEvent(Soon), idempotencyKey: new string('k', 256));

        await EventsApi.AssertValidationErrorAsync(response, "Idempotency-Key");
    }

    [Theory]
    [InlineData("title", "\"\"", "title")]
    [InlineData("title", "null", "title")]
    [InlineData("description", "\"long\"", "description")]
    [InlineData("venue", "null", "venue")]
    [InlineData("venue.name", "\" \"", "venue.name")]
    [InlineData("venue.addressLines", "[]", "venue.addressLines")]
    [InlineData("venue.addressLines", "[\"Rua Augusta 1\", \" \"]", "venue.addressLines[1]")]
    [InlineData("venue.city", "null", "venue.city")]
    [InlineData("venue.country", "\"XX\"", "venue.country")]
    [InlineData("venue.timeZone", "\"Mars/Olympus_Mons\"", "venue.timeZone")]
    [InlineData("venue.postalCode", "\"123456789012345678901\"", "venue.postalCode")]
    [InlineData("startsAt", "null", "startsAt")]
    [InlineData("endsAt", "\"2000-01-01T00:00:00Z\"", "endsAt")]
    [InlineData("capacity", "0", "capacity")]
    [InlineData("capacity", "1000001", "capacity")]
    [InlineData("coverImageKey", "\"events/ffffffffffffffffffffffffffffffff/cover/x.png\"", "coverImageKey")]
    public async Task Create_WithInvalidField_Returns400NamingIt(string path, string json, string expectedField)
    {
        var body = EventsApi.ValidEvent(Soon);
        if (path == "description")
        {
            json = $"\"{new string('d', 10_001)}\"";
        }

        Set(body, path, JsonNode.Parse(json));
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(body);

        var fields = await EventsApi.AssertValidationErrorAsync(response, expectedField);
        Assert.Single(fields);
    }

    [Fact]
    public async Task Create_WithEmptyObject_NamesEveryRequiredField()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(new JsonObject());

        var fields = await EventsApi.AssertValidationErrorAsync(response, "title");
        Assert.Equal(["capacity", "endsAt", "startsAt", "title", "venue"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_WithoutBody_Returns400NamingTheRequiredFields()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/events", body: null, idempotencyKey: EventsApi.NewKey());

        await EventsApi.AssertValidationErrorAsync(response, "title");
    }

    [Theory]
    [InlineData("""{"title": "x", "capacity": "many"}""", "capacity")]
    [InlineData("""{"title": "x", "capacity": 1e12}""", "capacity")]
    [InlineData("""{"title": "x", "startsAt": "next tuesday"}""", "startsAt")]
    [InlineData("""{"title": "x", "venue": {"addressLines": [42]}}""", "venue.addressLines[0]")]
    [InlineData("""{"title": "x", "venue": "Lisbon"}""", "venue")]
    [InlineData("""[1, 2, 3]""", "body")]
    [InlineData("""{"title": true}""", "title")]
    public async Task Create_WithValueOfWrongType_Returns400NamingTheField(string body, string expectedField)
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/events", body, EventsApi.NewKey());

        await EventsApi.AssertValidationErrorAsync(response, expectedField);
    }

    [Theory]
    [InlineData("""{"title": "x",, }""")]
    [InlineData("""{"title": "unterminated""")]
    [InlineData("""not json at all""")]
    public async Task Create_WithMalformedJson_Returns400NotA500(string body)
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/events", body, EventsApi.NewKey());

        var problem = await EventsApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task Create_WithNonJsonContentType_Returns415Problem()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/events", "title=x", EventsApi.NewKey(), contentType: "text/plain");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    internal static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[parts[^1]] = value;
    }
}
