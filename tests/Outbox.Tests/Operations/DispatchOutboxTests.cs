using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Outbox;
using BitcoinEvents.Outbox.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outbox.Tests.Support;

namespace Outbox.Tests.Operations;

/// <summary>DispatchOutbox through the hosting layer's stream runner, on the real outbox table's stream and fauxqs's topic.</summary>
public sealed class DispatchOutboxTests(LocalServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BackgroundOperation Operation => Assert.Single(OutboxArea.Definition.BackgroundOperations);

    [Fact]
    public void TheAreaOffersDispatchOutbox_AsAStreamOperation()
    {
        Assert.Equal((DispatchOutbox.Name, BackgroundOperationKind.Stream), (Operation.Name, Operation.Kind));
    }

    [Fact]
    public async Task AnOutboxPut_IsPublishedVerbatim_WithTypeVersionAndSourceAttributes()
    {
        var queue = await servers.SubscribeQueueAsync("dispatch", """{"type":["OrderRefunded"],"version":[1]}""", Ct);
        var envelope = Refunded("ord-" + Guid.NewGuid().ToString("N"));
        var record = await WriteAndReadStreamAsync(envelope);

        var response = await InvokeAsync(StreamEvent(record));

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        var message = Assert.Single(await ReceiveAsync(queue.Url, 1));
        Assert.Equal(envelope.ToJson(), message.Body);
        Assert.Equal("OrderRefunded", message.MessageAttributes["type"].StringValue);
        Assert.Equal(("Number", "1"), (message.MessageAttributes["version"].DataType, message.MessageAttributes["version"].StringValue));
        Assert.Equal("orders", message.MessageAttributes["source"].StringValue);
    }

    [Fact]
    public async Task ModifyAndRemoveRecords_PublishNothing()
    {
        var queue = await servers.SubscribeQueueAsync("dispatch-skip", """{"type":["OrderRefunded"]}""", Ct);
        var envelope = Refunded("ord-" + Guid.NewGuid().ToString("N"));
        var record = await WriteAndReadStreamAsync(envelope);
        var modify = (JsonObject)record.DeepClone();
        modify["eventName"] = "MODIFY";
        var remove = (JsonObject)record.DeepClone();
        remove["eventName"] = "REMOVE";
        remove["dynamodb"]!.AsObject().Remove("NewImage");
        var marker = (JsonObject)record.DeepClone();

        var response = await InvokeAsync(StreamEvent(modify, remove, marker));

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        // The INSERT after them is delivered, so had MODIFY or REMOVE published, it would be there first.
        var message = Assert.Single(await ReceiveAsync(queue.Url, 1));
        Assert.Equal(envelope.ToJson(), message.Body);
    }

    [Fact]
    public async Task WhenPublishingFails_TheRecordAndEveryLaterOneAreReportedBySequenceNumber()
    {
        var first = await WriteAndReadStreamAsync(Refunded("ord-" + Guid.NewGuid().ToString("N")));
        var second = await WriteAndReadStreamAsync(Refunded("ord-" + Guid.NewGuid().ToString("N")));
        var broken = (JsonObject)second.DeepClone();
        broken["dynamodb"]!["NewImage"]!.AsObject().Remove("envelope");
        var third = (JsonObject)first.DeepClone();
        third["dynamodb"]!["SequenceNumber"] = "999999999999999999999";

        var response = await InvokeAsync(StreamEvent(first, broken, third));

        using var document = JsonDocument.Parse(response);
        Assert.Equal(
            [broken["dynamodb"]!["SequenceNumber"]!.GetValue<string>(), "999999999999999999999"],
            document.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
    }

    [Fact]
    public async Task WhenTheTopicRefuses_TheRecordFails()
    {
        var record = await WriteAndReadStreamAsync(Refunded("ord-" + Guid.NewGuid().ToString("N")));

        var response = await InvokeAsync(StreamEvent(record), topicArn: "arn:aws:sns:us-east-1:000000000000:missing-topic");

        Assert.Contains(record["dynamodb"]!["SequenceNumber"]!.GetValue<string>(), response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameIdIsNeverWrittenTwice_TheSecondTransactionIsCancelledByTheOutboxPut()
    {
        var envelope = Refunded("ord-" + Guid.NewGuid().ToString("N"));
        using var dynamo = servers.Local.Servers.CreateDynamoDbClient();
        var outbox = new BitcoinEvents.Infrastructure.Messaging.Outbox(Configuration(), TimeProvider.System);
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [outbox.Put(envelope)] }, Ct);

        var again = await Assert.ThrowsAsync<TransactionCanceledException>(() =>
            dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [StateChange(envelope.Subject), outbox.Put(envelope)] }, Ct));

        Assert.True(BitcoinEvents.Infrastructure.Messaging.Outbox.IsDuplicate(again, 1));
        Assert.False(BitcoinEvents.Infrastructure.Messaging.Outbox.IsDuplicate(again, 0));
        var state = await dynamo.GetItemAsync(servers.Local.Resources.TableName("IdempotencyTable"), new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "state#" + envelope.Subject } }, Ct);
        Assert.False(state.IsItemSet, "The state change of the cancelled transaction was written.");
    }

    private static DomainEventEnvelope Refunded(string orderId) => DomainEventEnvelope.Create(
        new OrderRefundedV1(orderId, 1200), TestContractsJson.Default.OrderRefundedV1,
        DomainEventIds.From("orders", "OrderRefunded", orderId), "orders", orderId, DateTimeOffset.UtcNow);

    // A stand-in state change in another table of the same transaction.
    private TransactWriteItem StateChange(string subject) => new()
    {
        Put = new Put
        {
            TableName = servers.Local.Resources.TableName("IdempotencyTable"),
            Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "state#" + subject } },
        },
    };

    /// <summary>Writes the envelope to the outbox (with a state change, in one transaction) and reads its record back from the table's stream.</summary>
    private async Task<JsonObject> WriteAndReadStreamAsync(DomainEventEnvelope envelope)
    {
        using var dynamo = servers.Local.Servers.CreateDynamoDbClient();
        var outbox = new BitcoinEvents.Infrastructure.Messaging.Outbox(Configuration(), TimeProvider.System);
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [StateChange(envelope.Subject), outbox.Put(envelope)] }, Ct);

        var streamArn = servers.Local.Resources.TableStreamArn("OutboxTable");
        using var streams = servers.Local.Servers.CreateDynamoDbStreams();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var shard in await streams.DescribeStreamAsync(streamArn, Ct))
            {
                var iterator = await streams.GetShardIteratorAsync(streamArn, shard.ShardId, "TRIM_HORIZON", cancellationToken: Ct);
                while (iterator is not null)
                {
                    var page = await streams.GetRecordsAsync(iterator, 1000, Ct);
                    var found = page.Records.FirstOrDefault(r => r["dynamodb"]?["Keys"]?["pk"]?["S"]?.GetValue<string>() == envelope.Id);
                    if (found is not null)
                    {
                        found["eventSourceARN"] = streamArn;
                        return found;
                    }

                    iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
                }
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Event {envelope.Id} did not appear on the outbox stream.");
    }

    private static string StreamEvent(params JsonObject[] records) =>
        new JsonObject { ["Records"] = new JsonArray([.. records.Select(r => (JsonNode)r.DeepClone())]) }.ToJsonString();

    private async Task<string> InvokeAsync(string streamEvent, string? topicArn = null)
    {
        var settings = servers.Local.Resources.ConfigurationFor(servers.Local.Template.Function("DispatchOutboxFunction"));
        if (topicArn is not null)
        {
            settings[DomainEventsTopic.ArnSetting] = topicArn;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build())
            .AddLogging();
        OutboxArea.AddOutboxArea(services);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var invocation = new LambdaInvocation("dispatch", DateTimeOffset.UtcNow.AddSeconds(30));
        return await Operation.InvokeAsync(provider, streamEvent, invocation);
    }

    private IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [BitcoinEvents.Infrastructure.Messaging.Outbox.TableSetting] = servers.Local.Resources.TableName("OutboxTable") })
            .Build();

    private async Task<List<Message>> ReceiveAsync(string queueUrl, int count)
    {
        using var sqs = servers.Local.Servers.CreateSqsClient();
        var messages = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] }, Ct);
            messages.AddRange(received.Messages ?? []);
        }

        return messages;
    }
}
