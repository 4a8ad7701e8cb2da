using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// The producer's side of the transactional outbox: the domain event a state change causes is a
/// Put into the OutboxTable (<c>OUTBOX_TABLE</c>) inside the same <c>TransactWriteItems</c> as the
/// change, so both are written or neither is. The table's stream feeds the Outbox area's
/// DispatchOutbox, which publishes each new envelope to the domain events topic.
/// </summary>
/// <example>
/// <code>
/// var paid = DomainEventEnvelope.Create(new OrderPaidV1(order.Id, amount, "EUR"), MessagesJsonContext.Default.OrderPaidV1,
///     id: DomainEventIds.From("orders", "OrderPaid", order.Id), source: "orders", subject: order.Id, occurredAt: now);
/// await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [orderUpdate, outbox.Put(paid)] }, ct);
/// </code>
/// </example>
public sealed class Outbox
{
    /// <summary>The setting naming the outbox table (the function's environment).</summary>
    public const string TableSetting = "OUTBOX_TABLE";

    /// <summary>
    /// How long an outbox item is kept (its TTL). The stream holds a change for 24 hours and the
    /// dispatcher reads it within seconds: the item is only kept so a lost dispatch can be replayed
    /// by hand. TTL deletes it; nothing reads the attribute to decide anything.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly string? _table;
    private readonly TimeProvider _clock;

    public Outbox(IConfiguration configuration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _table = configuration[TableSetting];
        _clock = clock;
    }

    private string Table => string.IsNullOrEmpty(_table) ? throw new InvalidOperationException($"{TableSetting} is not set.") : _table;

    /// <summary>The Put of <paramref name="envelope"/> to add to the state change's transaction.</summary>
    public TransactWriteItem Put(DomainEventEnvelope envelope) => OutboxItems.Put(Table, envelope, _clock.GetUtcNow() + Retention);

    /// <summary>
    /// True when a transaction was cancelled because the outbox Put at <paramref name="index"/>
    /// found its id already written: the same event (the same deterministic id) was recorded by an
    /// earlier attempt, so the state change it belongs to happened already.
    /// </summary>
    public static bool IsDuplicate(TransactionCanceledException exception, int index)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.CancellationReasons is { } reasons
            && index >= 0 && index < reasons.Count
            && reasons[index].Code == "ConditionalCheckFailed";
    }
}

/// <summary>An outbox item as the dispatcher reads it from the stream.</summary>
/// <param name="Id">The envelope's id (the item's key).</param>
/// <param name="Type">The envelope's type.</param>
/// <param name="Version">The envelope's version.</param>
/// <param name="Source">The envelope's source (the publishing area).</param>
/// <param name="Envelope">The envelope's JSON, published verbatim.</param>
public sealed record OutboxEntry(string Id, string Type, int Version, string Source, string Envelope);

/// <summary>The outbox table's item layout: <c>pk</c> = event id, the envelope as stored JSON, <c>expiresAt</c> for TTL.</summary>
public static class OutboxItems
{
    public const string Key = "pk";
    public const string Type = "type";
    public const string Version = "version";
    public const string Source = "source";
    public const string Subject = "subject";
    public const string OccurredAt = "occurredAt";
    public const string Envelope = "envelope";

    /// <summary>The table's TTL attribute (epoch seconds).</summary>
    public const string ExpiresAt = "expiresAt";

    /// <summary>A conditional Put of the envelope: an id already in the table cancels the transaction.</summary>
    public static TransactWriteItem Put(string table, DomainEventEnvelope envelope, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(envelope);
        envelope.Validated();
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [Key] = new() { S = envelope.Id },
                    [Type] = new() { S = envelope.Type },
                    [Version] = new() { N = envelope.Version.ToString(CultureInfo.InvariantCulture) },
                    [Source] = new() { S = envelope.Source },
                    [Subject] = new() { S = envelope.Subject },
                    [OccurredAt] = new() { S = Rfc3339JsonConverter.Format(envelope.OccurredAt) },
                    [Envelope] = new() { S = envelope.ToJson() },
                    [ExpiresAt] = new() { N = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                },
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Key },
            },
        };
    }

    /// <summary>The entry a stream record's new image holds; <see cref="InvalidDataException"/> when it is not an outbox item.</summary>
    public static OutboxEntry Read(IReadOnlyDictionary<string, DynamoDbAttributeValue> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string Text(string name) => image.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.S)
            ? value.S
            : throw new InvalidDataException($"The outbox item has no string attribute '{name}'.");

        var version = image.TryGetValue(Version, out var number)
            && int.TryParse(number.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new InvalidDataException($"The outbox item has no number attribute '{Version}'.");
        return new OutboxEntry(Text(Key), Text(Type), version, Text(Source), Text(Envelope));
    }
}
