using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Messaging;
using Events.Tests.Support;

namespace Events.Tests.Operations;

/// <summary>
/// What the Events area tells other areas through the outbox, written in the same transaction as the
/// change: EventCancelled when a published event is cancelled (Ticketing cancels its orders),
/// EventChanged when a published event moves in time or place (Notifications tells ticket holders).
/// </summary>
public sealed class EventMessagesTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancellingAPublishedEvent_WritesEventCancelled_WithTheReason()
    {
        using var api = aws.App.Api(aws.Organizer);
        var published = await api.CreatePublishedAsync(Soon);

        using var response = await api.CancelAsync(published.Id, "The venue double-booked us");

        var cancelled = await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        var message = await OutboxAsync(DomainEventIds.From("events", "EventCancelled", published.Id));
        Assert.NotNull(message);
        Assert.Equal(("EventCancelled", 1, "events", published.Id), (message["type"]!.GetValue<string>(), message["version"]!.GetValue<int>(), message["source"]!.GetValue<string>(), message["subject"]!.GetValue<string>()));
        var data = message["data"]!;
        Assert.Equal(published.Id, data["eventId"]!.GetValue<string>());
        Assert.Equal(aws.Organizer.Sub, data["organizerId"]!.GetValue<string>());
        Assert.Equal("The venue double-booked us", data["reason"]!.GetValue<string>());
        Assert.Equal(cancelled.CancelledAt, data["cancelledAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task CancellingADraft_TellsNoOne()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.CancelAsync(draft.Id, "Never mind");

        await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Null(await OutboxAsync(DomainEventIds.From("events", "EventCancelled", draft.Id)));
    }

    [Fact]
    public async Task MovingAPublishedEventInTimeOrPlace_WritesEventChanged_NamingWhatChanged_ATitleEditDoesNot()
    {
        using var api = aws.App.Api(aws.Organizer);
        var published = await api.CreatePublishedAsync(Soon);

        var moved = await PatchAsync(api, published.Id, new JsonObject { ["startsAt"] = Soon.AddDays(1).ToString("O"), ["endsAt"] = Soon.AddDays(1).AddHours(3).ToString("O") });
        var renamed = await PatchAsync(api, published.Id, new JsonObject { ["title"] = "Renamed" });
        var venue = EventsApi.ValidEvent(Soon)["venue"]!.DeepClone().AsObject();
        venue["name"] = "Hodl Hall";
        var relocated = await PatchAsync(api, published.Id, new JsonObject { ["venue"] = venue });

        var time = await OutboxAsync(ChangedId(published.Id, moved.Version));
        Assert.NotNull(time);
        Assert.Equal(["startsAt", "endsAt"], time["data"]!["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(moved.StartsAt, time["data"]!["startsAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(await OutboxAsync(ChangedId(published.Id, renamed.Version)));
        var place = await OutboxAsync(ChangedId(published.Id, relocated.Version));
        Assert.NotNull(place);
        Assert.Equal(["venue"], place["data"]!["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("Hodl Hall", place["data"]!["venueName"]!.GetValue<string>());
    }

    [Fact]
    public async Task MovingADraft_TellsNoOne()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        var moved = await PatchAsync(api, draft.Id, new JsonObject { ["startsAt"] = Soon.AddDays(2).ToString("O"), ["endsAt"] = Soon.AddDays(2).AddHours(1).ToString("O") });

        Assert.Null(await OutboxAsync(ChangedId(draft.Id, moved.Version)));
    }

    [Fact]
    public async Task WhenTheOutboxWriteFails_TheCancellationDoesNotHappenEither()
    {
        var settings = new Dictionary<string, string>(aws.Configuration) { [Outbox.TableSetting] = "no-such-outbox-" + Guid.NewGuid().ToString("N") };
        await using var broken = new EventsApp(settings);
        using var api = aws.App.Api(aws.Organizer);
        var published = await api.CreatePublishedAsync(Soon);
        using var brokenApi = broken.Api(aws.Organizer);

        using var response = await brokenApi.CancelAsync(published.Id, "Storm");

        Assert.True((int)response.StatusCode >= 500, $"Expected a server error, got {(int)response.StatusCode}");
        using var read = await api.GetAsync($"/events/{published.Id}");
        var still = await EventsApi.ReadEventAsync(read, HttpStatusCode.OK);
        Assert.Equal(("published", published.Version), (still.Status, still.Version));
    }

    private static string ChangedId(string eventId, long version) =>
        DomainEventIds.From("events", "EventChanged", eventId, version.ToString(CultureInfo.InvariantCulture));

    private static async Task<BitcoinEvents.Events.Contracts.EventResponse> PatchAsync(EventsApi api, string eventId, JsonObject body)
    {
        using var response = await api.PatchAsync(eventId, body);
        return await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The envelope the outbox holds under <paramref name="id"/>, or null.</summary>
    private async Task<JsonObject?> OutboxAsync(string id)
    {
        using var dynamo = aws.Servers.CreateDynamoDbClient();
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = aws.Configuration[Outbox.TableSetting],
            Key = new Dictionary<string, AttributeValue> { [OutboxItems.Key] = new() { S = id } },
            ConsistentRead = true,
        }, Ct);
        return item.Item is { Count: > 0 } found ? JsonNode.Parse(found[OutboxItems.Envelope].S)!.AsObject() : null;
    }
}
