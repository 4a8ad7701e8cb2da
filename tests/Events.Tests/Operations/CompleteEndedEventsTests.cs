using System.Net;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Events.Operations;
using BitcoinEvents.Lambda;
using Events.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Events.Tests.Operations;

/// <summary>The scheduled job, on its own tables and a fake clock.</summary>
public sealed class CompleteEndedEventsTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Now = new(2032, 12, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_CompletesPublishedEventsThatEnded_AndTakesThemOutOfTheIndexes()
    {
        var clock = new FakeTimeProvider(Now);
        var config = await aws.IsolatedConfigurationAsync();
        await using var app = new EventsApp(config, clock);
        using var api = app.Api(aws.Organizer);
        var ended = await api.CreatePublishedAsync(Now.AddDays(1), "Ends first");
        var acrossNewYear = await api.CreatePublishedAsync(Now.AddDays(12), "Spans the new year");
        var later = await api.CreatePublishedAsync(Now.AddDays(60), "Later");
        var draft = await api.CreateDraftAsync(Now.AddDays(1), "Draft");
        clock.SetUtcNow(acrossNewYear.EndsAt.AddMinutes(1));

        var completed = await RunJobAsync(app);

        Assert.Equal(2, completed);
        using var anonymous = app.Api(null);
        foreach (var id in new[] { ended.Id, acrossNewYear.Id })
        {
            using var read = await anonymous.GetAsync($"/events/{id}");
            var e = await EventsApi.ReadEventAsync(read, HttpStatusCode.OK);
            Assert.Equal("completed", e.Status);
            Assert.Equal(clock.GetUtcNow(), e.CompletedAt);
            Assert.Equal(3, e.Version);
            Assert.False(await HasListingKeysAsync(config["EVENTS_TABLE"], id));
        }

        using (var read = await anonymous.GetAsync($"/events/{later.Id}"))
        {
            Assert.Equal("published", (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Status);
        }

        Assert.True(await HasListingKeysAsync(config["EVENTS_TABLE"], later.Id));
        using (var read = await api.GetAsync($"/organizer/events/{draft.Id}"))
        {
            Assert.Equal("draft", (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Status);
        }
    }

    [Fact]
    public async Task Run_Twice_ChangesNothingTheSecondTime()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var e = await api.CreatePublishedAsync(Now.AddDays(1));
        clock.SetUtcNow(e.EndsAt);

        var first = await RunJobAsync(app);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await RunJobAsync(app);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        using var read = await api.GetAsync($"/organizer/events/{e.Id}");
        Assert.Equal(3, (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Version);
    }

    [Fact]
    public async Task Run_BeforeAnythingEnded_CompletesNothing()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var e = await api.CreatePublishedAsync(Now.AddDays(1));
        clock.SetUtcNow(e.EndsAt.AddSeconds(-1));

        Assert.Equal(0, await RunJobAsync(app));
    }

    [Fact]
    public async Task ScheduleOperation_RunsTheJobFromAScheduledEvent()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var e = await api.CreatePublishedAsync(Now.AddDays(1));
        clock.SetUtcNow(e.EndsAt.AddHours(1));
        var operation = Assert.Single(BitcoinEvents.Events.EventsArea.Definition.BackgroundOperations);
        const string scheduledEvent = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
             "account":"123456789012","time":"2032-12-21T15:00:00Z","region":"us-east-1",
             "resources":["arn:aws:events:us-east-1:123456789012:rule/CompleteEndedEvents"],"detail":{}}
            """;
        using var invocation = new LambdaInvocation("request-1", DateTimeOffset.UtcNow.AddMinutes(1));

        await operation.InvokeAsync(app.Services, scheduledEvent, invocation);

        Assert.Equal(CompleteEndedEvents.Name, operation.Name);
        using var read = await api.GetAsync($"/organizer/events/{e.Id}");
        Assert.Equal("completed", (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Status);
    }

    private static async Task<int> RunJobAsync(EventsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<CompleteEndedEvents>();
        return await job.RunAsync(TestContext.Current.CancellationToken);
    }

    private async Task<bool> HasListingKeysAsync(string table, string eventId)
    {
        using var dynamo = aws.Servers.CreateDynamoDbClient();
        var item = (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new AttributeValue { S = $"EVENT#{eventId}" }, ["sk"] = new AttributeValue { S = "EVENT" } },
            ConsistentRead = true,
        }, TestContext.Current.CancellationToken)).Item;
        Assert.NotNull(item);
        return item.ContainsKey("gsi1pk") || item.ContainsKey("gsi2pk");
    }
}
