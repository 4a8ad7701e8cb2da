using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Events.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Operations;

/// <summary>Idempotency-Key against DynamoDB Local: replays, in-flight conflicts, mismatches, failures.</summary>
public sealed class IdempotencyTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task Create_RetriedWithSameKeyAndBody_ReplaysTheFirstResponse()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync());
        using var api = app.Api(aws.Organizer);
        var key = EventsApi.NewKey();
        var body = EventsApi.ValidEvent(Soon);

        using var first = await api.CreateAsync(body, key);
        using var retry = await api.CreateAsync(body, key);

        var created = await EventsApi.ReadEventAsync(first, HttpStatusCode.Created);
        var replayed = await EventsApi.ReadEventAsync(retry, HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(created.Id, replayed.Id);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(
            await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await CountOwnEventsAsync(api));
    }

    [Fact]
    public async Task Create_SameKeyWithDifferentBody_Returns422()
    {
        using var api = aws.App.Api(aws.Organizer);
        var key = EventsApi.NewKey();
        using var first = await api.CreateAsync(EventsApi.ValidEvent(Soon, "First"), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await api.CreateAsync(EventsApi.ValidEvent(Soon, "Second"), key);

        await EventsApi.ReadProblemAsync(second, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SameKeyOnAnotherRoute_Returns422()
    {
        using var api = aws.App.Api(aws.Organizer);
        var key = EventsApi.NewKey();
        var draft = await api.CreateDraftAsync(Soon);
        using var publish = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/publish", null, key);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        using var other = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/cancel", new JsonObject { ["reason"] = "x" }, key);

        await EventsApi.ReadProblemAsync(other, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Create_SameKeyWhileTheFirstIsInFlight_Returns409ThenReplays()
    {
        var config = await aws.IsolatedConfigurationAsync();
        GatedDynamoDb? gate = null;
        await using var app = new EventsApp(config, services: services => services.AddSingleton<IAmazonDynamoDB>(sp =>
        {
            gate = GatedDynamoDb.Create(aws.Servers.CreateDynamoDbClient(), config["EVENTS_TABLE"]);
            return gate.Client;
        }));
        using var api = app.Api(aws.Organizer);
        using var warmUp = await api.GetAsync("/organizer/events");
        gate!.Hold();
        var key = EventsApi.NewKey();
        var body = EventsApi.ValidEvent(Soon);

        var first = api.CreateAsync(body, key);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var whileInFlight = await api.CreateAsync(body, key);
        gate.Release();
        using var firstResponse = await first;
        using var afterwards = await api.CreateAsync(body, key);

        var problem = await EventsApi.ReadProblemAsync(whileInFlight, HttpStatusCode.Conflict);
        Assert.NotNull(whileInFlight.Headers.RetryAfter);
        Assert.Contains("still being processed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var created = await EventsApi.ReadEventAsync(firstResponse, HttpStatusCode.Created);
        Assert.Equal(created.Id, (await EventsApi.ReadEventAsync(afterwards, HttpStatusCode.Created)).Id);
        Assert.Equal(1, await CountOwnEventsAsync(api));
    }

    [Fact]
    public async Task Create_SimultaneousRequestsWithOneKey_CreateExactlyOneEvent()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync());
        using var api = app.Api(aws.Organizer);
        var key = EventsApi.NewKey();
        var body = EventsApi.ValidEvent(Soon);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.CreateAsync(body, key)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        var ids = new HashSet<string>();
        foreach (var response in created)
        {
            ids.Add((await EventsApi.ReadEventAsync(response, HttpStatusCode.Created)).Id);
        }

        Assert.Single(ids);
        Assert.Equal(1, await CountOwnEventsAsync(api));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Create_WhenTheFirstAttemptFailsWith5xx_ARetryWithTheSameKeyProceeds()
    {
        var config = await aws.IsolatedConfigurationAsync();
        GatedDynamoDb? gate = null;
        await using var app = new EventsApp(config, services: services => services.AddSingleton<IAmazonDynamoDB>(sp =>
        {
            gate = GatedDynamoDb.Create(aws.Servers.CreateDynamoDbClient(), config["EVENTS_TABLE"]);
            return gate.Client;
        }));
        using var api = app.Api(aws.Organizer);
        using var warmUp = await api.GetAsync("/organizer/events");
        gate!.FailNextPut();
        var key = EventsApi.NewKey();
        var body = EventsApi.ValidEvent(Soon);

        using var failed = await api.CreateAsync(body, key);
        using var retried = await api.CreateAsync(body, key);

        await EventsApi.ReadProblemAsync(failed, HttpStatusCode.InternalServerError);
        await EventsApi.ReadEventAsync(retried, HttpStatusCode.Created);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountOwnEventsAsync(api));
    }

    [Fact]
    public async Task Create_ClientErrorsAreReplayedToo()
    {
        using var api = aws.App.Api(aws.Organizer);
        var key = EventsApi.NewKey();
        var invalid = EventsApi.ValidEvent(Soon);
        invalid["capacity"] = 0;

        using var first = await api.CreateAsync(invalid, key);
        using var retry = await api.CreateAsync(invalid, key);

        await EventsApi.AssertValidationErrorAsync(first, "capacity");
        await EventsApi.AssertValidationErrorAsync(retry, "capacity");
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Create_SameKeyByAnotherCaller_IsIndependent()
    {
        using var organizer = aws.App.Api(aws.Organizer);
        using var admin = aws.App.Api(aws.Admin);
        var key = EventsApi.NewKey();
        var body = EventsApi.ValidEvent(Soon);

        using var mine = await organizer.CreateAsync(body, key);
        using var theirs = await admin.CreateAsync(body, key);

        var first = await EventsApi.ReadEventAsync(mine, HttpStatusCode.Created);
        var second = await EventsApi.ReadEventAsync(theirs, HttpStatusCode.Created);
        Assert.NotEqual(first.Id, second.Id);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Create_WithStructuredFieldKey_IsAccepted()
    {
        using var api = aws.App.Api(aws.Organizer);
        var key = $"\"{Guid.NewGuid()}\"";
        var body = EventsApi.ValidEvent(Soon);

        using var first = await api.CreateAsync(body, key);
        using var retry = await api.CreateAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Publish_RetriedWithSameKey_ReplaysInsteadOf409()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        var key = EventsApi.NewKey();

        using var first = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/publish", null, key);
        using var retry = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/publish", null, key);
        using var withoutKey = await api.PublishAsync(draft.Id);

        Assert.Equal(2, (await EventsApi.ReadEventAsync(first, HttpStatusCode.OK)).Version);
        Assert.Equal(2, (await EventsApi.ReadEventAsync(retry, HttpStatusCode.OK)).Version);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("\"v2\"", retry.Headers.ETag?.ToString());
        await EventsApi.ReadProblemAsync(withoutKey, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_WithMalformedKey_Returns400NamingIdempotencyKey()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["title"] = "x" }, idempotencyKey: "two words");

        await EventsApi.AssertValidationErrorAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task WrongMethodWithAKey_IsNotRecorded()
    {
        using var api = aws.App.Api(aws.Organizer);
        var key = EventsApi.NewKey();

        using var first = await api.SendRawAsync(HttpMethod.Delete, "/events", body: null, idempotencyKey: key);
        using var second = await api.CreateAsync(EventsApi.ValidEvent(Soon), key);

        await EventsApi.ReadProblemAsync(first, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    private static async Task<int> CountOwnEventsAsync(EventsApi api)
    {
        using var response = await api.GetAsync("/organizer/events?limit=100");
        return (await EventsApi.ReadPageAsync(response)).Items.Count;
    }
}
