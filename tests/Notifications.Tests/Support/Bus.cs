using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;

namespace Notifications.Tests.Support;

/// <summary>
/// Domain events as the producers' side delivers them: into the outbox (DispatchOutbox publishes
/// them, as for any producer), or straight onto the domain events topic as DispatchOutbox does (to
/// deliver one envelope several times, as at-least-once delivery may).
/// </summary>
internal static class Bus
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DomainEventEnvelope Envelope<T>(T data, JsonTypeInfo<T> type, string source, string subject, DateTimeOffset? at = null)
        where T : IDomainEvent =>
        DomainEventEnvelope.Create(data, type, DomainEventIds.New(), source, subject, at ?? DateTimeOffset.UtcNow);

    /// <summary>Writes the envelope to the outbox table, as a producer's transaction does.</summary>
    public static async Task ThroughOutboxAsync(NotificationsPlatform platform, DomainEventEnvelope envelope)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(platform.Settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
        var outbox = new Outbox(configuration, TimeProvider.System);
        using var dynamo = platform.Servers.CreateDynamoDbClient();
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [outbox.Put(envelope)] }, Ct);
    }

    /// <summary>Publishes the envelope to the domain events topic with the attributes DispatchOutbox sets.</summary>
    public static async Task PublishAsync(NotificationsPlatform platform, DomainEventEnvelope envelope)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(platform.Settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
        using var sns = SnsClient.Create(configuration);
        await sns.PublishAsync(new SnsPublishRequest
        {
            TopicArn = platform.Resources.TopicArn("DomainEventsTopic"),
            Message = envelope.ToJson(),
            MessageAttributes = new Dictionary<string, SnsAttributeValue>
            {
                ["type"] = SnsAttributeValue.Text(envelope.Type),
                ["version"] = SnsAttributeValue.Number(envelope.Version),
                ["source"] = SnsAttributeValue.Text(envelope.Source),
            },
        }, Ct);
    }

    /// <summary>An SES event (as the configuration set's destination publishes it) on the feedback topic.</summary>
    public static async Task PublishSesEventAsync(NotificationsPlatform platform, string json)
    {
        using var sns = platform.Servers.CreateSns();
        await sns.PublishAsync(platform.Resources.TopicArn("NotificationsEmailFeedbackTopic"), json, cancellationToken: Ct);
    }
}
