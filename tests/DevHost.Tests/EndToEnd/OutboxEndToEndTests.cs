using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.DevHost;
using BitcoinEvents.DevHost.Queues;
using BitcoinEvents.DevHost.Streams;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using DevHost.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHost.Tests.EndToEnd;

/// <summary>
/// The outbox through DevHost, from template.yaml: a state change and its event written in one
/// transaction; DevHost's stream poller runs the Outbox area's DispatchOutbox on the outbox
/// table's stream; the envelope arrives raw in a queue subscribed to the domain events topic. A
/// duplicate stream delivery publishes the same id again, and a consumer following the recipe
/// applies it once.
/// </summary>
public sealed class OutboxEndToEndTests(LocalPlatformFixture platform) : IClassFixture<LocalPlatformFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOutboxPut_ReachesASubscribedQueueThroughDispatchOutbox_AndADuplicateIsAppliedOnce()
    {
        var local = platform.Local;
        var template = local.Template;
        await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = Areas.Of(template),
            Template = template,
            Port = 0,
            Configuration = local.Resources.AllConfiguration(),
            Resources = local.Resources,
        });
        var poller = Assert.Single(app.Services.GetRequiredService<StreamPollers>().Pollers);
        Assert.Equal(("DispatchOutbox", "OutboxTable"), (poller.Subscription.Operation.Name, poller.Subscription.TableLogicalId));
        await app.StartAsync(Ct);

        // A consumer's queue with its DLQ, subscribed as an area's template would: raw, filtered on type and version.
        using var sqs = local.Servers.CreateSqsClient();
        var queue = await QueueWithDeadLetterQueueAsync(sqs);
        using (var sns = local.Servers.CreateSns())
        {
            await sns.SubscribeAsync(local.Resources.TopicArn("DomainEventsTopic"), "sqs", queue.Arn, new Dictionary<string, string>
            {
                ["RawMessageDelivery"] = "true",
                ["FilterPolicy"] = """{"type":["TicketsIssued"],"version":[1]}""",
            }, Ct);
        }

        // The producer: its state change and the event it causes, one transaction.
        var orderId = "ord-" + Guid.NewGuid().ToString("N");
        var envelope = DomainEventEnvelope.Create(
            new TicketsIssuedV1(orderId, 2), EndToEndJson.Default.TicketsIssuedV1,
            DomainEventIds.From("ticketing", "TicketsIssued", orderId), "ticketing", orderId, DateTimeOffset.UtcNow);
        using var dynamo = local.Servers.CreateDynamoDbClient();
        // What a producing function's environment would say: OUTBOX_TABLE: !Ref OutboxTable.
        var producerSettings = new Dictionary<string, string?> { [Outbox.TableSetting] = local.Resources.TableName("OutboxTable") };
        var outbox = new Outbox(new ConfigurationBuilder().AddInMemoryCollection(producerSettings).Build(), TimeProvider.System);
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [StateChange(orderId), outbox.Put(envelope)] }, Ct);

        var first = await ReceiveOneAsync(sqs, queue.Url);
        Assert.Equal(envelope.ToJson(), first.Body);
        Assert.Equal("TicketsIssued", first.MessageAttributes["type"].StringValue);

        // Lambda delivers a stream record at least once: the same record handed to DispatchOutbox again.
        using (var streams = local.Servers.CreateDynamoDbStreams())
        {
            var record = await FindStreamRecordAsync(streams, poller.Subscription.StreamArn, envelope.Id);
            using var invocation = new LambdaInvocation("again", DateTimeOffset.UtcNow.AddSeconds(30));
            var response = await poller.Subscription.Operation.InvokeAsync(app.Services, StreamPoller.BuildEvent([record], poller.Subscription.StreamArn, LocalAwsServers.Region), invocation);
            Assert.Equal("""{"batchItemFailures":[]}""", response);
        }

        var second = await ReceiveOneAsync(sqs, queue.Url);
        Assert.Equal(envelope.Id, DomainEventEnvelope.Parse(second.Body).Id);

        // The consumer, polled as DevHost polls queues, gets both copies and applies one.
        var table = await ConsumerTableAsync(dynamo);
        await sqs.ChangeMessageVisibilityBatchAsync(queue.Url, [new("1", first.ReceiptHandle) { VisibilityTimeout = 0 }, new("2", second.ReceiptHandle) { VisibilityTimeout = 0 }], Ct);
        var consumerServices = new ServiceCollection()
            .AddSingleton<IAmazonDynamoDB>(dynamo)
            .AddSingleton(new CountingTable(table))
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        var consumer = new QueuePoller(
            sqs,
            consumerServices,
            new QueueSubscription("OnTicketsIssuedFunction", DomainEvents.Queue<CountTicketsIssued, TicketsIssuedV1>("OnTicketsIssued", () => EndToEndJson.Default.TicketsIssuedV1), queue.Url, queue.Arn, 10, true, TimeSpan.FromSeconds(10)),
            LocalAwsServers.Region,
            NullLogger.Instance,
            waitTimeSeconds: 1);
        var deleted = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (deleted < 2 && DateTime.UtcNow < deadline)
        {
            deleted += (await consumer.PollOnceAsync(Ct)).Deleted;
        }

        Assert.Equal(2, deleted);
        var counter = await dynamo.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "order#" + orderId }, ["sk"] = new() { S = "tickets" } }, Ct);
        Assert.Equal("2", counter.Item["tickets"].N);
        Assert.Equal(0, (await sqs.GetQueueAttributesAsync(queue.DeadLetterUrl, ["ApproximateNumberOfMessages"], Ct)).ApproximateNumberOfMessages);
        await app.StopAsync(Ct);
    }

    private TransactWriteItem StateChange(string orderId) => new()
    {
        Put = new Put
        {
            TableName = platform.Local.Resources.TableName("IdempotencyTable"),
            Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "issued#" + orderId } },
            ConditionExpression = "attribute_not_exists(pk)",
        },
    };

    private static async Task<QueueUnderTest> QueueWithDeadLetterQueueAsync(Amazon.SQS.AmazonSQSClient sqs)
    {
        var name = "tickets-issued-" + Guid.NewGuid().ToString("N")[..12];
        var dlq = (await sqs.CreateQueueAsync(name + "-dlq", Ct)).QueueUrl;
        var dlqArn = (await sqs.GetQueueAttributesAsync(dlq, ["QueueArn"], Ct)).QueueARN;
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"3"}""", ["VisibilityTimeout"] = "30" },
        }, Ct)).QueueUrl;
        return new QueueUnderTest(url, (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], Ct)).QueueARN, dlq);
    }

    private static async Task<Message> ReceiveOneAsync(Amazon.SQS.AmazonSQSClient sqs, string queueUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1, MaxNumberOfMessages = 1, MessageAttributeNames = ["All"] }, Ct);
            if (received.Messages is [var message])
            {
                return message;
            }
        }

        throw new TimeoutException($"Nothing arrived on {queueUrl} within 30 s.");
    }

    private static async Task<JsonObject> FindStreamRecordAsync(LocalDynamoDbStreams streams, string streamArn, string eventId)
    {
        foreach (var shard in await streams.DescribeStreamAsync(streamArn, Ct))
        {
            var iterator = await streams.GetShardIteratorAsync(streamArn, shard.ShardId, "TRIM_HORIZON", cancellationToken: Ct);
            while (iterator is not null)
            {
                var page = await streams.GetRecordsAsync(iterator, 1000, Ct);
                if (page.Records.FirstOrDefault(r => r["dynamodb"]?["Keys"]?["pk"]?["S"]?.GetValue<string>() == eventId) is { } found)
                {
                    return found;
                }

                iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
            }
        }

        throw new InvalidOperationException($"Event {eventId} is not on the outbox stream.");
    }

    private static async Task<string> ConsumerTableAsync(AmazonDynamoDBClient dynamo)
    {
        var name = "consumer-" + Guid.NewGuid().ToString("N");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        }, Ct);
        return name;
    }
}

/// <summary>A contract as a Ticketing area would declare it (test-only).</summary>
public sealed record TicketsIssuedV1(string OrderId, int Count) : IDomainEvent
{
    public static string EventType => "TicketsIssued";

    public static int EventVersion => 1;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TicketsIssuedV1))]
public sealed partial class EndToEndJson : JsonSerializerContext;

public sealed record CountingTable(string Name);

/// <summary>A consumer following the recipe: adds the issued tickets to a counter, with the processed marker in the same transaction.</summary>
public sealed class CountTicketsIssued(IAmazonDynamoDB dynamo, CountingTable table, TimeProvider clock) : ISqsMessageHandler<DomainEvent<TicketsIssuedV1>>
{
    public Task HandleAsync(DomainEvent<TicketsIssuedV1> message, SqsMessageContext context, CancellationToken ct) =>
        ProcessedEvents.ApplyOnceAsync(
            dynamo,
            ProcessedEvents.Marker(table.Name, "OnTicketsIssued", message.Id, clock.GetUtcNow()),
            [new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = table.Name,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "order#" + message.Data.OrderId }, ["sk"] = new() { S = "tickets" } },
                    UpdateExpression = "ADD tickets :n",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":n"] = new() { N = message.Data.Count.ToString(CultureInfo.InvariantCulture) } },
                },
            }],
            ct);
}
