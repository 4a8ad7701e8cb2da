using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

using BitcoinEvents.Domain.Messages;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// How every domain event travels between areas: one JSON object,
/// <c>{"id","type","version","source","subject","occurredAt","data"}</c>. The outbox stores it,
/// the dispatcher publishes it to the domain events topic verbatim, and each subscribed queue
/// receives it as its message body (raw delivery).
/// </summary>
public sealed record DomainEventEnvelope
{
    /// <summary>Unique per event and the same on every delivery of it: what consumers deduplicate on.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The event's name, e.g. "OrderPaid" (<see cref="IDomainEvent.EventType"/>).</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The contract's version (<see cref="IDomainEvent.EventVersion"/>).</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>The area that published it, e.g. "orders".</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>The aggregate it is about, e.g. the order id.</summary>
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    /// <summary>When the state change happened (RFC 3339, UTC, written with a <c>Z</c>).</summary>
    [JsonPropertyName("occurredAt")]
    [JsonConverter(typeof(Rfc3339JsonConverter))]
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The contract record, as JSON.</summary>
    [JsonPropertyName("data")]
    public required JsonElement Data { get; init; }

    /// <summary>Source-generated metadata of the envelope (e.g. to consume raw envelopes from a queue).</summary>
    public static JsonTypeInfo<DomainEventEnvelope> JsonTypeInfo => MessagingJsonContext.Wire.DomainEventEnvelope;

    /// <summary>The envelope of <paramref name="data"/>, typed by <typeparamref name="T"/>'s event type and version.</summary>
    /// <param name="data">The contract record.</param>
    /// <param name="dataType">Its source-generated metadata (the area's <c>JsonSerializerContext</c>).</param>
    /// <param name="id">The event's id: <see cref="DomainEventIds.From"/> where the producer can derive it, else <see cref="DomainEventIds.New"/>.</param>
    /// <param name="source">The publishing area, lower case ("orders").</param>
    /// <param name="subject">The aggregate's id.</param>
    /// <param name="occurredAt">When the state change happened.</param>
    public static DomainEventEnvelope Create<T>(T data, JsonTypeInfo<T> dataType, string id, string source, string subject, DateTimeOffset occurredAt)
        where T : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dataType);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return new DomainEventEnvelope
        {
            Id = id,
            Type = T.EventType,
            Version = T.EventVersion,
            Source = source,
            Subject = subject,
            OccurredAt = occurredAt.ToUniversalTime(),
            Data = JsonSerializer.SerializeToElement(data, dataType),
        };
    }

    /// <summary>Reads an envelope; <see cref="JsonException"/> when it is not one (a member missing, empty or mistyped).</summary>
    public static DomainEventEnvelope Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var envelope = JsonSerializer.Deserialize(json, JsonTypeInfo) ?? throw new JsonException("The envelope is JSON null.");
        return envelope.Validated();
    }

    /// <summary>The envelope as the JSON that is stored and published.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonTypeInfo);

    /// <summary>True when this is an envelope of <typeparamref name="T"/> (same type name and version).</summary>
    public bool Is<T>()
        where T : IDomainEvent
        => string.Equals(Type, T.EventType, StringComparison.Ordinal) && Version == T.EventVersion;

    /// <summary>The data as <typeparamref name="T"/>; <see cref="JsonException"/> when the envelope is of another type or version, or the data does not read as one.</summary>
    public T DataAs<T>(JsonTypeInfo<T> dataType)
        where T : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(dataType);
        if (!Is<T>())
        {
            throw new JsonException($"Event {Id} is {Type} v{Version}, not {T.EventType} v{T.EventVersion}.");
        }

        return Data.Deserialize(dataType) ?? throw new JsonException($"Event {Id} has null data.");
    }

    internal DomainEventEnvelope Validated()
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Type) || string.IsNullOrWhiteSpace(Source) || string.IsNullOrWhiteSpace(Subject))
        {
            throw new JsonException("An envelope needs a non-empty id, type, source and subject.");
        }

        if (Version < 1)
        {
            throw new JsonException($"Envelope {Id}: version {Version} is not a contract version (1 or more).");
        }

        if (Data.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Envelope {Id}: data must be a JSON object.");
        }

        return this;
    }
}
