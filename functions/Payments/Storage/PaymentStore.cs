using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Payments.Providers;

namespace BitcoinEvents.Payments.Storage;

/// <summary>A payment as stored: the domain record and the instructions the buyer pays with.</summary>
internal sealed record StoredPayment(Payment Payment, PaymentInstructions? Instructions);

/// <summary>A webhook delivery as stored under the provider's event id.</summary>
internal sealed record StoredDelivery(string Provider, string EventId, string EventType, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt, string State)
{
    public const string Received = "received";
    public const string Applied = "applied";

    public VerifiedWebhook ToWebhook() => new(EventId, EventType, Body, ReceivedAt);
}

/// <summary>
/// The Payments table (docs/payments.md, Storage). Its key layout stays in here: callers pass and get
/// domain values. Every change of a payment is conditional on the version read, with the messages
/// it causes (outbox Puts) in the same transaction.
/// </summary>
internal sealed class PaymentStore(IAmazonDynamoDB dynamo, PaymentsTable table)
{
    /// <summary>Shards of a day's partition of the open-payments index (so a busy day does not write one partition).</summary>
    public const int OpenShards = 8;

    /// <summary>How long a delivery is kept (providers retry for up to 3 days; Stripe's events are readable for 30).</summary>
    public static readonly TimeSpan DeliveryRetention = TimeSpan.FromDays(35);

    public string TableName => table.Name;

    public async Task<StoredPayment?> GetAsync(string paymentId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(PaymentPk(paymentId), PaymentSk), ConsistentRead = consistent }, ct);
        return response.Item is { Count: > 0 } item ? ReadPayment(item) : null;
    }

    /// <summary>The payment a provider's reference belongs to, or null.</summary>
    public async Task<string?> FindByReferenceAsync(string provider, string reference, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(ReferencePk(provider, reference), ReferenceSk), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item && item.TryGetValue("paymentId", out var id) ? id.S : null;
    }

    /// <summary>Every payment of an order.</summary>
    public async Task<IReadOnlyList<StoredPayment>> ListByOrderAsync(string orderId, CancellationToken ct)
    {
        var result = new List<StoredPayment>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                IndexName = "ByOrder",
                KeyConditionExpression = "gsi1pk = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = OrderPk(orderId) } },
                ExclusiveStartKey = start,
            }, ct);
            result.AddRange((response.Items ?? []).Select(ReadPayment));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the stored payment is still at <paramref name="expectedVersion"/>
    /// (null: if there is no payment with its id yet),
    /// with <paramref name="writes"/> (outbox Puts, reference items) in the same transaction. False when
    /// someone changed it first (re-read and decide again).
    /// </summary>
    public async Task<bool> ReplaceAsync(Payment next, long? expectedVersion, PaymentInstructions? instructions, IReadOnlyList<TransactWriteItem> writes, CancellationToken ct)
    {
        var put = new TransactWriteItem
        {
            Put = expectedVersion is { } version
                ? new Put
                {
                    TableName = table.Name,
                    Item = PaymentItem(next, instructions),
                    ConditionExpression = "#version = :expected",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = "version" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Number(version) },
                }
                : new Put
                {
                    // A new payment: only if none has its id.
                    TableName = table.Name,
                    Item = PaymentItem(next, instructions),
                    ConditionExpression = "attribute_not_exists(pk)",
                },
        };
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [put, .. writes] }, ct);
            return true;
        }
        catch (TransactionCanceledException exception) when (exception.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
        {
            return false;
        }
    }

    /// <summary>The item that leads from a provider's reference to its payment (a reference never moves to another payment).</summary>
    public TransactWriteItem ReferencePut(string provider, string reference, string paymentId)
    {
        var item = Key(ReferencePk(provider, reference), ReferenceSk);
        item["paymentId"] = new() { S = paymentId };
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = table.Name,
                Item = item,
                ConditionExpression = "attribute_not_exists(pk) OR paymentId = :id",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = new() { S = paymentId } },
            },
        };
    }

    /// <summary>Records that <paramref name="reference"/> leads to <paramref name="paymentId"/> (learned from a webhook), once.</summary>
    public async Task RememberReferenceAsync(string provider, string reference, string paymentId, CancellationToken ct)
    {
        var put = ReferencePut(provider, reference, paymentId).Put;
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = put.TableName,
                Item = put.Item,
                ConditionExpression = put.ConditionExpression,
                ExpressionAttributeValues = put.ExpressionAttributeValues,
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Leads to another payment already: keep the first (a reference never moves).
        }
    }

    /// <summary>Stores a verified delivery under the provider's event id; null when it was stored before (then the stored one).</summary>
    public async Task<StoredDelivery?> PutDeliveryAsync(string provider, VerifiedWebhook webhook, CancellationToken ct)
    {
        var item = Key(DeliveryPk(provider, webhook.EventId), DeliverySk);
        item["provider"] = new() { S = provider };
        item["eventId"] = new() { S = webhook.EventId };
        item["eventType"] = new() { S = webhook.EventType };
        item["body"] = new() { B = new MemoryStream(webhook.Body.ToArray()) };
        item["receivedAt"] = new() { S = webhook.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        item["state"] = new() { S = StoredDelivery.Received };
        item["expiresAt"] = Number((webhook.ReceivedAt + DeliveryRetention).ToUnixTimeSeconds());
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, ct);
            return null;
        }
        catch (ConditionalCheckFailedException)
        {
            return await GetDeliveryAsync(provider, webhook.EventId, ct);
        }
    }

    public async Task<StoredDelivery?> GetDeliveryAsync(string provider, string eventId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(DeliveryPk(provider, eventId), DeliverySk), ConsistentRead = true }, ct);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new StoredDelivery(
            item["provider"].S,
            item["eventId"].S,
            item["eventType"].S,
            item["body"].B.ToArray(),
            DateTimeOffset.Parse(item["receivedAt"].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            item["state"].S);
    }

    /// <summary>The write that marks a delivery applied (joins the payment's transaction, or alone).</summary>
    public TransactWriteItem DeliveryApplied(string provider, string eventId) => new()
    {
        Update = new Update
        {
            TableName = table.Name,
            Key = Key(DeliveryPk(provider, eventId), DeliverySk),
            UpdateExpression = "SET #state = :applied",
            ConditionExpression = "attribute_exists(pk)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":applied"] = new() { S = StoredDelivery.Applied } },
        },
    };

    public async Task MarkDeliveryAppliedAsync(string provider, string eventId, CancellationToken ct)
    {
        var update = DeliveryApplied(provider, eventId).Update;
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = update.TableName,
                Key = update.Key,
                UpdateExpression = update.UpdateExpression,
                ConditionExpression = update.ConditionExpression,
                ExpressionAttributeNames = update.ExpressionAttributeNames,
                ExpressionAttributeValues = update.ExpressionAttributeValues,
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Expired meanwhile: nothing to mark.
        }
    }

    /// <summary>The providers an event's organizer chose, or null when they chose none (then every provider of the platform).</summary>
    public async Task<IReadOnlyList<string>?> GetEventProvidersAsync(string eventId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EventPk(eventId), EventProvidersSk), ConsistentRead = false }, ct);
        return response.Item is { Count: > 0 } item && item.TryGetValue("providers", out var providers)
            ? JsonSerializer.Deserialize(providers.S, StorageJson.Default.ListString)
            : null;
    }

    public Task PutEventProvidersAsync(string eventId, IReadOnlyList<string> providers, string updatedBy, DateTimeOffset now, CancellationToken ct)
    {
        var item = Key(EventPk(eventId), EventProvidersSk);
        item["providers"] = new() { S = JsonSerializer.Serialize(providers.ToList(), StorageJson.Default.ListString) };
        item["updatedBy"] = new() { S = updatedBy };
        item["updatedAt"] = new() { S = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        return dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item }, ct);
    }

    /// <summary>Ids of open payments whose deadline is before <paramref name="cutoff"/>, over the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<string>> OpenBeforeAsync(DateTimeOffset cutoff, int days, CancellationToken ct)
    {
        var ids = new List<string>();
        for (var day = cutoff.UtcDateTime.Date.AddDays(-days); day <= cutoff.UtcDateTime.Date; day = day.AddDays(1))
        {
            for (var shard = 0; shard < OpenShards; shard++)
            {
                Dictionary<string, AttributeValue>? start = null;
                do
                {
                    var response = await dynamo.QueryAsync(new QueryRequest
                    {
                        TableName = table.Name,
                        IndexName = "ByDeadline",
                        KeyConditionExpression = "gsi2pk = :pk AND gsi2sk < :cutoff",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":pk"] = new() { S = OpenPk(day, shard) },
                            [":cutoff"] = new() { S = Timestamp(cutoff) },
                        },
                        ExclusiveStartKey = start,
                    }, ct);
                    ids.AddRange((response.Items ?? []).Select(i => i["pk"].S["PAYMENT#".Length..]));
                    start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
                }
                while (start is not null);
            }
        }

        return ids;
    }

    private const string PaymentSk = "PAYMENT";
    private const string ReferenceSk = "REF";
    private const string DeliverySk = "DELIVERY";
    private const string EventProvidersSk = "PAYMENT_PROVIDERS";

    private static string PaymentPk(string id) => "PAYMENT#" + id;

    private static string OrderPk(string orderId) => "ORDER#" + orderId;

    private static string ReferencePk(string provider, string reference) => $"REF#{provider}#{reference}";

    private static string DeliveryPk(string provider, string eventId) => $"DELIVERY#{provider}#{eventId}";

    private static string EventPk(string eventId) => "EVENT#" + eventId;

    private static string OpenPk(DateTime day, int shard) => $"OPEN#{day:yyyy-MM-dd}#{shard}";

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        ["pk"] = new() { S = pk },
        ["sk"] = new() { S = sk },
    };

    private static Dictionary<string, AttributeValue> PaymentItem(Payment payment, PaymentInstructions? instructions)
    {
        var item = Key(PaymentPk(payment.Id), PaymentSk);
        item["data"] = new() { S = JsonSerializer.Serialize(payment, StorageJson.Default.Payment) };
        item["version"] = Number(payment.Version);
        item["provider"] = new() { S = payment.Provider };
        item["status"] = new() { S = PaymentStatuses.Wire(payment.Status) };
        item["gsi1pk"] = new() { S = OrderPk(payment.OrderId) };
        item["gsi1sk"] = new() { S = $"{Timestamp(payment.CreatedAt)}#{payment.Id}" };
        if (instructions is not null)
        {
            item["instructions"] = new() { S = JsonSerializer.Serialize(instructions, StorageJson.Default.PaymentInstructions) };
        }

        if (PaymentStatuses.IsOpen(payment.Status))
        {
            var shard = (int)(Convert.ToUInt32(payment.Id[..8], 16) % OpenShards);
            item["gsi2pk"] = new() { S = OpenPk(payment.Deadline.UtcDateTime.Date, shard) };
            item["gsi2sk"] = new() { S = $"{Timestamp(payment.Deadline)}#{payment.Id}" };
        }

        return item;
    }

    private static StoredPayment ReadPayment(Dictionary<string, AttributeValue> item)
    {
        var payment = JsonSerializer.Deserialize(item["data"].S, StorageJson.Default.Payment)
            ?? throw new InvalidDataException("A payment item has no data.");
        var instructions = item.TryGetValue("instructions", out var stored) && stored.S is not null
            ? JsonSerializer.Deserialize(stored.S, StorageJson.Default.PaymentInstructions)
            : null;
        return new StoredPayment(payment, instructions);
    }
}
