using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing;
using BitcoinEvents.Ticketing.Operations;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.Tests.Support;

/// <summary>
/// What the selling tests do with the Ticketing app besides HTTP: put an event in the catalog (the
/// Events area's table, in its own layout), run the ExpireHolds schedule, deliver Payments' messages
/// to the area's queue consumers as SQS would, and read the seats left in a quota's buckets and the
/// outbox, where the arithmetic and the messages are checked.
/// </summary>
public static class SellingApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static SellingApi SellingApi(this PlatformApp<Program> app, TestUser? user) => new(app.ClientFor(user));

    /// <summary>
    /// A published event of <paramref name="organizer"/> in the catalog (what the Events area writes
    /// when it is created and published), starting in 30 days unless told otherwise.
    /// </summary>
    public static async Task<string> SeedEventAsync(
        this PlatformApp<Program> app, TestUser organizer, int capacity, EventStatus status = EventStatus.Published, DateTimeOffset? startsAt = null)
    {
        var now = DateTimeOffset.UtcNow;
        var starts = startsAt ?? now.AddDays(30);
        var e = new Event
        {
            Id = EventIds.New(TimeProvider.System),
            OrganizerId = organizer.Sub,
            Title = "Lisbon Bitcoin Conference",
            Venue = new Venue("Bitcoin Embassy", ["Rua Augusta 1"], "Lisbon", null, "1100-048", "PT", "Europe/Lisbon"),
            StartsAt = starts,
            EndsAt = starts.AddHours(8),
            Capacity = capacity,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = status == EventStatus.Draft ? null : now,
            Version = 1,
        };
        await app.Dynamo().PutItemAsync(new PutItemRequest { TableName = app.Setting(EventCatalog.TableSetting), Item = EventItems.ToItem(e) }, Ct);
        return e.Id;
    }

    /// <summary>Runs the ExpireHolds schedule once, as its function would; how many holds and orders it expired.</summary>
    public static async Task<int> ExpireHoldsAsync(this PlatformApp<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<ExpireHolds>(scope.ServiceProvider);
        return await job.RunAsync(Ct);
    }

    /// <summary>
    /// One SQS batch to the queue consumer <paramref name="operation"/>, each message an envelope
    /// as the topic's raw delivery puts it on the queue, with 5 minutes left to run; the ids of the
    /// messages that failed.
    /// </summary>
    public static Task<IReadOnlyList<string>> DeliverAsync(this PlatformApp<Program> app, string operation, params DomainEventEnvelope[] envelopes) =>
        app.DeliverAsync(operation, TimeSpan.FromMinutes(5), envelopes);

    /// <summary>As <see cref="DeliverAsync(PlatformApp{Program}, string, DomainEventEnvelope[])"/>, with <paramref name="timeLeft"/> until the invocation's deadline.</summary>
    public static async Task<IReadOnlyList<string>> DeliverAsync(this PlatformApp<Program> app, string operation, TimeSpan timeLeft, params DomainEventEnvelope[] envelopes)
    {
        var consumer = TicketingArea.Definition.BackgroundOperations.Single(o => o.Name == operation);
        var records = new JsonArray([.. envelopes.Select((e, i) => (JsonNode)new JsonObject
        {
            ["messageId"] = $"m{i}-{e.Id}",
            ["receiptHandle"] = "r" + i.ToString(CultureInfo.InvariantCulture),
            ["body"] = e.ToJson(),
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new JsonObject { ["type"] = new JsonObject { ["stringValue"] = e.Type, ["dataType"] = "String" } },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = $"arn:aws:sqs:us-east-1:000000000000:{operation}",
        })]);
        using var invocation = new LambdaInvocation(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.Add(timeLeft));
        var response = await consumer.InvokeAsync(app.Services, new JsonObject { ["Records"] = records }.ToJsonString(), invocation);
        return [.. JsonNode.Parse(response)!["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];
    }

    /// <summary>A Payments message as Payments' outbox would publish it (its id derived from what it reports).</summary>
    public static DomainEventEnvelope Envelope<T>(T message, JsonTypeInfo<T> type, string subject, params string[] idParts)
        where T : IDomainEvent =>
        DomainEventEnvelope.Create(message, type, DomainEventIds.From(["payments", .. idParts]), "payments", subject, DateTimeOffset.UtcNow);

    public static DomainEventEnvelope Succeeded(string orderId, string paymentId, MoneyDto amount, DateTimeOffset at) =>
        Envelope(new PaymentSucceededV1(orderId, paymentId, "stripe", amount, amount, at), MessagesJsonContext.Default.PaymentSucceededV1, orderId, "PaymentSucceeded", paymentId);

    public static DomainEventEnvelope Refunded(string orderId, string paymentId, string refundId, MoneyDto amount, DateTimeOffset at) =>
        Envelope(new PaymentRefundedV1(orderId, paymentId, refundId, amount, at), MessagesJsonContext.Default.PaymentRefundedV1, orderId, "PaymentRefunded", refundId);

    /// <summary>The seats left in each bucket of a quota (strongly consistent reads of the bucket items).</summary>
    public static async Task<int[]> BucketsAsync(this PlatformApp<Program> app, string quotaId, int buckets)
    {
        var dynamo = app.Dynamo();
        var table = app.Setting(TicketingTable.Setting);
        var left = new int[buckets];
        for (var b = 0; b < buckets; b++)
        {
            var item = await dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = table,
                Key = TicketingItems.Key(TicketingItems.BucketPk(quotaId, b), TicketingItems.BucketSk),
                ConsistentRead = true,
            }, Ct);
            Assert.True(item.IsItemSet, $"Bucket {b} of quota {quotaId} does not exist.");
            left[b] = int.Parse(item.Item[TicketingItems.Available].N, CultureInfo.InvariantCulture);
        }

        return left;
    }

    /// <summary>The envelopes in the outbox about <paramref name="subject"/> (an order id), of <paramref name="type"/>.</summary>
    public static async Task<IReadOnlyList<JsonObject>> OutboxAsync(this PlatformApp<Program> app, string subject, string type)
    {
        var dynamo = app.Dynamo();
        var found = new List<JsonObject>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = app.Setting(Outbox.TableSetting),
                FilterExpression = "#subject = :subject AND #type = :type",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#subject"] = OutboxItems.Subject, ["#type"] = OutboxItems.Type },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":subject"] = new() { S = subject }, [":type"] = new() { S = type } },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, Ct);
            found.AddRange(page.Items.Select(i => JsonNode.Parse(i[OutboxItems.Envelope].S)!.AsObject()));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return found;
    }

    public static IAmazonDynamoDB Dynamo(this PlatformApp<Program> app) => app.Services.GetRequiredService<IAmazonDynamoDB>();

    public static string Setting(this PlatformApp<Program> app, string name) =>
        app.Services.GetRequiredService<IConfiguration>()[name] ?? throw new InvalidOperationException($"{name} is not set.");
}

/// <summary>
/// The real clock moved by an offset the test sets: time passes as usual (timers and delays are
/// real, so retries with a pause still run), and the test can jump past a deadline.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
