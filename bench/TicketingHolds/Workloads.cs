using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TicketingHolds;

/// <summary>
/// The operations measured, on the Ticketing area's own services (the container its functions
/// build, against the local table): holds through <see cref="Reservations"/>, and the raw
/// DynamoDB writes they are made of, as ceilings.
/// </summary>
internal sealed class Workloads : IAsyncDisposable
{
    /// <summary>Seats of every quota measured: more than any run can sell, so no hold is refused for lack of seats.</summary>
    public const int Capacity = 1_000_000;

    private const long RawStart = 1_000_000_000;

    private readonly ServiceProvider _services;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;

    public Workloads(IReadOnlyDictionary<string, string> configuration, IAmazonDynamoDB dynamo)
    {
        Counter = CountingDynamoDb.Create(dynamo);
        _dynamo = Counter.Client;
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build())
            .AddSingleton(_dynamo)
            .AddSingleton(TimeProvider.System)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddTicketingArea()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        _table = _services.GetRequiredService<TicketingTable>().Name;
    }

    public CountingDynamoDb Counter { get; }

    /// <summary>
    /// Holds of <paramref name="seats"/> seats of one ticket type drawing from an event whose total
    /// quota has <paramref name="buckets"/> buckets: each hold reads the buckets and writes one
    /// transaction (the chosen bucket's conditional decrement + the hold), exactly as CreateHold does.
    /// </summary>
    public async Task<Operation> HoldsAsync(int buckets, int seats, CancellationToken ct)
    {
        var setups = _services.GetRequiredService<SetupStore>();
        var reservations = _services.GetRequiredService<Reservations>();
        var clock = TimeProvider.System;
        var eventId = EventIds.New(clock);
        var quota = Quota.Create(Quota.EventTotalId(eventId), eventId, new QuotaInput { Capacity = Capacity, Buckets = buckets }, isEventTotal: true).Value;
        if (!await setups.CreateQuotaAsync(quota, ct))
        {
            throw new InvalidOperationException("The quota exists already.");
        }

        var type = TicketType.Create(
            TicketingIds.New(clock), eventId,
            new TicketTypeInput { Name = "Standard", Price = new PriceInput { Amount = 2_500, Currency = "EUR" }, MaxPerOrder = 20 },
            new HashSet<string>(), new HashSet<string> { quota.Id }, null, clock.GetUtcNow()).Value;
        await setups.PutTypeAsync(type, expectedVersion: null, ct);
        var setup = await setups.LoadAsync(eventId, consistent: true, ct);
        var plan = HoldPlanner.Plan(
            new HoldRequest { Lines = [new HoldLineInput { TicketTypeId = type.Id, Quantity = seats }] }, setup.Types, null, setup.TotalQuotaId, clock.GetUtcNow()).Value;
        return async (worker, token) =>
            (await reservations.ReserveAsync(setup, plan, "bench-buyer-" + worker.ToString(CultureInfo.InvariantCulture), HoldKind.Purchase, token)).IsSuccess;
    }

    /// <summary>
    /// DynamoDB Local's raw rate: <c>UpdateItem SET available = available - 1 IF available &gt;= 1</c>
    /// on one of <paramref name="items"/> items (one: every worker on the same item).
    /// </summary>
    public async Task<Operation> RawUpdatesAsync(int items, CancellationToken ct)
    {
        var keys = await RawItemsAsync(items, ct);
        return async (worker, token) =>
        {
            try
            {
                await _dynamo.UpdateItemAsync(Decrement(keys[Random.Shared.Next(keys.Count)]), token);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        };
    }

    /// <summary>
    /// The hold's write alone: ONE TransactWriteItems of the conditional decrement on one of
    /// <paramref name="items"/> items and a conditional Put of a new item, without the read before it.
    /// </summary>
    public async Task<Operation> RawTransactionsAsync(int items, CancellationToken ct)
    {
        var keys = await RawItemsAsync(items, ct);
        return async (worker, token) =>
        {
            var decrement = Decrement(keys[Random.Shared.Next(keys.Count)]);
            var id = Guid.NewGuid().ToString("N");
            try
            {
                await _dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new() { Update = new Update { TableName = _table, Key = decrement.Key, UpdateExpression = decrement.UpdateExpression, ConditionExpression = decrement.ConditionExpression, ExpressionAttributeValues = decrement.ExpressionAttributeValues } },
                        new() { Put = new Put { TableName = _table, Item = new() { ["pk"] = new() { S = "BENCH#HOLD#" + id }, ["sk"] = new() { S = "HOLD" } }, ConditionExpression = "attribute_not_exists(pk)" } },
                    ],
                }, token);
                return true;
            }
            catch (TransactionCanceledException)
            {
                return false;
            }
        };
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> RawItemsAsync(int items, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N");
        var keys = new List<Dictionary<string, AttributeValue>>();
        for (var i = 0; i < items; i++)
        {
            var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = $"BENCH#RAW#{run}#{i}" }, ["sk"] = new() { S = "BUCKET" } };
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = new(key) { ["available"] = new() { N = RawStart.ToString(CultureInfo.InvariantCulture) } } }, ct);
            keys.Add(key);
        }

        return keys;
    }

    private UpdateItemRequest Decrement(Dictionary<string, AttributeValue> key) => new()
    {
        TableName = _table,
        Key = key,
        UpdateExpression = "SET available = available - :one",
        ConditionExpression = "available >= :one",
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
    };
}
