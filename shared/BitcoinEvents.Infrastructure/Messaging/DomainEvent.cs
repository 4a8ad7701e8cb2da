using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BitcoinEvents.Lambda;

using BitcoinEvents.Domain.Messages;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// A domain event as a consumer receives it: the typed contract record and what its envelope says
/// about it. <see cref="Id"/> is the same on every delivery of the event: deduplicate on it
/// (<see cref="ProcessedEvents"/>).
/// </summary>
public sealed record DomainEvent<T>(string Id, string Source, string Subject, DateTimeOffset OccurredAt, T Data)
    where T : IDomainEvent
{
    /// <summary>The envelope's <c>type</c>: <typeparamref name="T"/>'s event type.</summary>
    public string Type => T.EventType;

    /// <summary>The envelope's <c>version</c>: <typeparamref name="T"/>'s contract version.</summary>
    public int Version => T.EventVersion;
}

/// <summary>Consuming domain events from an area's queue (subscribed to the domain events topic with raw delivery).</summary>
public static class DomainEvents
{
    /// <summary>
    /// A queue consumer whose messages are envelopes of <typeparamref name="T"/>: the handler
    /// (<c>ISqsMessageHandler&lt;DomainEvent&lt;T&gt;&gt;</c>, named <c>On&lt;Event&gt;</c>) gets the
    /// typed data and the envelope's id. An envelope of another type or version fails its message
    /// (it returns to the queue, then goes to the DLQ): filter the subscription on both.
    /// <paramref name="dataType"/> is asked for on the first message (<c>() => MessagesJsonContext.Default.OrderPaidV1</c>).
    /// </summary>
    public static BackgroundOperation Queue<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler,
        T>(string name, Func<JsonTypeInfo<T>> dataType)
        where THandler : class, ISqsMessageHandler<DomainEvent<T>>
        where T : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(dataType);
        return BackgroundOperation.Queue<THandler, DomainEvent<T>>(name, () => JsonTypeInfo(dataType()));
    }

    /// <summary>Metadata that reads (and writes) an envelope of <typeparamref name="T"/> as a <see cref="DomainEvent{T}"/>.</summary>
    public static JsonTypeInfo<DomainEvent<T>> JsonTypeInfo<T>(JsonTypeInfo<T> dataType)
        where T : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(dataType);
        var options = new JsonSerializerOptions(MessagingJsonContext.Wire.Options) { TypeInfoResolver = MessagingJsonContext.Wire };
        var info = JsonMetadataServices.CreateValueInfo<DomainEvent<T>>(options, new DomainEventConverter<T>(dataType));
        info.MakeReadOnly();
        return info;
    }

    private sealed class DomainEventConverter<T>(JsonTypeInfo<T> dataType) : JsonConverter<DomainEvent<T>>
        where T : IDomainEvent
    {
        public override DomainEvent<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var envelope = (JsonSerializer.Deserialize(ref reader, DomainEventEnvelope.JsonTypeInfo)
                ?? throw new JsonException("The envelope is JSON null.")).Validated();
            return new DomainEvent<T>(envelope.Id, envelope.Source, envelope.Subject, envelope.OccurredAt, envelope.DataAs(dataType));
        }

        public override void Write(Utf8JsonWriter writer, DomainEvent<T> value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(value);
            var envelope = DomainEventEnvelope.Create(value.Data, dataType, value.Id, value.Source, value.Subject, value.OccurredAt);
            JsonSerializer.Serialize(writer, envelope, DomainEventEnvelope.JsonTypeInfo);
        }
    }
}
