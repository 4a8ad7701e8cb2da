using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.DependencyInjection;
using Outbox.Tests.Support;

namespace Outbox.Tests.Messaging;

/// <summary>
/// The consumer's side, with a small real consumer: a loyalty ledger awarding points for each paid
/// order, registered as an area would (<see cref="DomainEvents.Queue{THandler, T}"/>), applying each
/// event once with <see cref="ProcessedEvents"/> however often and in whatever order it arrives.
/// </summary>
public sealed class ConsumerRecipeTests(LocalServers servers) : IAsyncLifetime
{
    private static readonly BackgroundOperation OnOrderPaid =
        DomainEvents.Queue<AwardPointsOnOrderPaid, OrderPaidV1>("OnOrderPaid", () => TestContractsJson.Default.OrderPaidV1);

    private readonly string _table = "points-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var dynamo = servers.Local.Servers.CreateDynamoDbClient();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = _table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ADuplicateDelivery_IsAppliedOnce_AndEveryDistinctEventOnce_InAnyOrder()
    {
        var buyer = "buyer-" + Guid.NewGuid().ToString("N");
        var first = Paid(buyer, "ord-1", 2500);
        var second = Paid(buyer, "ord-2", 1000);

        // Out of order, and the first event three times (two of them in one batch).
        var failures = await DeliverAsync(second, first, first);
        failures.AddRange(await DeliverAsync(first));

        Assert.Empty(failures);
        Assert.Equal(35, await PointsAsync(buyer));
        Assert.Equal(2, AwardPointsOnOrderPaid.Applied.Count(e => e.StartsWith(buyer, StringComparison.Ordinal)));
        Assert.Equal(2, AwardPointsOnOrderPaid.Duplicates.Count(e => e.StartsWith(buyer, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEnvelopeOfAnotherVersion_FailsItsMessage_AndChangesNothing()
    {
        var buyer = "buyer-" + Guid.NewGuid().ToString("N");
        var v2 = DomainEventEnvelope.Create(new OrderPaidV2("ord-9", 900, "EUR"), TestContractsJson.Default.OrderPaidV2, DomainEventIds.New(), "orders", buyer, DateTimeOffset.UtcNow);

        var failures = await DeliverAsync(v2);

        Assert.Single(failures);
        Assert.Equal(0, await PointsAsync(buyer));
    }

    private static DomainEventEnvelope Paid(string buyer, string orderId, long amountMinor) => DomainEventEnvelope.Create(
        new OrderPaidV1(orderId, amountMinor, "EUR", buyer), TestContractsJson.Default.OrderPaidV1,
        DomainEventIds.From("orders", "OrderPaid", buyer, orderId), "orders", orderId, DateTimeOffset.UtcNow);

    /// <summary>One SQS batch, the envelopes as raw message bodies (what the topic's raw delivery puts on the queue); the failed message ids.</summary>
    private async Task<List<string>> DeliverAsync(params DomainEventEnvelope[] envelopes)
    {
        var records = new JsonArray([.. envelopes.Select((e, i) => (JsonNode)new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["receiptHandle"] = "r" + i.ToString(CultureInfo.InvariantCulture),
            ["body"] = e.ToJson(),
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new JsonObject { ["type"] = new JsonObject { ["stringValue"] = e.Type, ["dataType"] = "String" } },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:points",
        })]);
        var services = new ServiceCollection()
            .AddSingleton<IAmazonDynamoDB>(servers.Local.Servers.CreateDynamoDbClient())
            .AddSingleton(new PointsTable(_table))
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        await using var provider = services.BuildServiceProvider();
        using var invocation = new LambdaInvocation("sqs", DateTimeOffset.UtcNow.AddSeconds(30));
        var response = await OnOrderPaid.InvokeAsync(provider, new JsonObject { ["Records"] = records }.ToJsonString(), invocation);
        return [.. JsonNode.Parse(response)!["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];
    }

    private async Task<long> PointsAsync(string buyer)
    {
        using var dynamo = servers.Local.Servers.CreateDynamoDbClient();
        var item = await dynamo.GetItemAsync(_table, AwardPointsOnOrderPaid.BalanceKey(buyer), Ct);
        return item.IsItemSet ? long.Parse(item.Item["points"].N, CultureInfo.InvariantCulture) : 0;
    }
}

/// <summary>The consumer's own table.</summary>
public sealed record PointsTable(string Name);

/// <summary>
/// A consumer as an area writes one: one point per euro paid, added to the buyer's balance in the
/// same transaction as the event's processed marker.
/// </summary>
public sealed class AwardPointsOnOrderPaid(IAmazonDynamoDB dynamo, PointsTable table, TimeProvider clock) : ISqsMessageHandler<DomainEvent<OrderPaidV1>>
{
    public static System.Collections.Concurrent.ConcurrentQueue<string> Applied { get; } = new();

    public static System.Collections.Concurrent.ConcurrentQueue<string> Duplicates { get; } = new();

    public static Dictionary<string, AttributeValue> BalanceKey(string buyer) => new()
    {
        ["pk"] = new() { S = "buyer#" + buyer },
        ["sk"] = new() { S = "balance" },
    };

    public async Task HandleAsync(DomainEvent<OrderPaidV1> message, SqsMessageContext context, CancellationToken ct)
    {
        var award = new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table.Name,
                Key = BalanceKey(message.Data.BuyerName),
                UpdateExpression = "ADD points :points",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":points"] = new() { N = (message.Data.AmountMinor / 100).ToString(CultureInfo.InvariantCulture) },
                },
            },
        };
        var marker = ProcessedEvents.Marker(table.Name, "OnOrderPaid", message.Id, clock.GetUtcNow());

        var applied = await ProcessedEvents.ApplyOnceAsync(dynamo, marker, [award], ct);

        (applied ? Applied : Duplicates).Enqueue(message.Data.BuyerName + "#" + message.Id);
    }
}
