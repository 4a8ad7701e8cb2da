using System.Security.Cryptography;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Email;
using BitcoinEvents.Notifications.Mobile;
using BitcoinEvents.Notifications.Operations;
using BitcoinEvents.Notifications.Recipients;
using BitcoinEvents.Notifications.Storage;
using BitcoinEvents.Notifications.Unsubscribe;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Notifications;

/// <summary>
/// The Notifications area: the domain events that concern people become notices (On&lt;Event&gt;,
/// RemindUpcomingEvents), each delivered by email (SES), SMS and push (SNS) as its recipient chose
/// (DeliverNotification), exactly once per recipient and channel; SES's bounces and complaints
/// suppress addresses (OnEmailFeedback); users manage their preferences and read their send log,
/// and anyone with an email's link unsubscribes in one click. docs/notifications.md.
/// </summary>
public static class NotificationsArea
{
    /// <summary>The KMS HMAC key that signs unsubscribe links (AWS).</summary>
    public const string UnsubscribeKeySetting = "UNSUBSCRIBE_KEY_ID";

    /// <summary>A base64 HMAC key of at least 32 bytes held in the process (DevHost, tests; never AWS).</summary>
    public const string UnsubscribeLocalKeySetting = "UNSUBSCRIBE_LOCAL_KEY";

    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Notifications",
        AddServices = builder => builder.Services.AddNotificationsArea(),
        HttpOperations =
        [
            new(GetNotificationPreferences.Name, GetNotificationPreferences.Map),
            new(UpdateNotificationPreferences.Name, UpdateNotificationPreferences.Map),
            new(RegisterPushDevice.Name, RegisterPushDevice.Map),
            new(ListMyNotifications.Name, ListMyNotifications.Map),
            new(GetUnsubscribe.Name, GetUnsubscribe.Map),
            new(Operations.Unsubscribe.Name, Operations.Unsubscribe.Map),
        ],
        BackgroundOperations =
        [
            DomainEvents.Queue<OnOrderPlaced, OrderPlacedV1>(OnOrderPlaced.Name, () => MessagesJsonContext.Default.OrderPlacedV1),
            DomainEvents.Queue<OnOrderPaid, OrderPaidV1>(OnOrderPaid.Name, () => MessagesJsonContext.Default.OrderPaidV1),
            DomainEvents.Queue<OnOrderExpired, OrderExpiredV1>(OnOrderExpired.Name, () => MessagesJsonContext.Default.OrderExpiredV1),
            DomainEvents.Queue<OnOrderCancelled, OrderCancelledV1>(OnOrderCancelled.Name, () => MessagesJsonContext.Default.OrderCancelledV1),
            DomainEvents.Queue<OnPaymentFailed, PaymentFailedV1>(OnPaymentFailed.Name, () => MessagesJsonContext.Default.PaymentFailedV1),
            DomainEvents.Queue<OnPaymentRefunded, PaymentRefundedV1>(OnPaymentRefunded.Name, () => MessagesJsonContext.Default.PaymentRefundedV1),
            DomainEvents.Queue<OnWaitingListOffered, WaitingListOfferedV1>(OnWaitingListOffered.Name, () => MessagesJsonContext.Default.WaitingListOfferedV1),
            DomainEvents.Queue<OnTicketReassigned, TicketReassignedV1>(OnTicketReassigned.Name, () => MessagesJsonContext.Default.TicketReassignedV1),
            DomainEvents.Queue<OnEventCancelled, EventCancelledV1>(OnEventCancelled.Name, () => MessagesJsonContext.Default.EventCancelledV1),
            DomainEvents.Queue<OnEventChanged, EventChangedV1>(OnEventChanged.Name, () => MessagesJsonContext.Default.EventChangedV1),
            BackgroundOperation.Queue<DeliverNotification, NotificationRequestV1>(DeliverNotification.Name, () => NotificationsJsonContext.Default.NotificationRequestV1),
            BackgroundOperation.Queue<OnEmailFeedback, SesEventMessage>(OnEmailFeedback.Name, () => SesEventsJsonContext.Default.SesEventMessage),
            BackgroundOperation.Schedule<RemindUpcomingEvents>(RemindUpcomingEvents.Name),
        ],
    };

    public static IServiceCollection AddNotificationsArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotificationsJsonContext.Default));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventCatalog>();
        services.TryAddSingleton<NotificationsTable>();
        services.TryAddSingleton<NotificationSettings>();
        services.TryAddSingleton<PreferencesStore>();
        services.TryAddSingleton<SendStore>();
        services.TryAddSingleton<SuppressionList>();
        services.TryAddSingleton<Projections>();
        services.TryAddSingleton(sp => AwsAccess.CreateSqs(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<DeliveriesQueue>();
        services.TryAddSingleton<QueueBackoff>();
        services.TryAddSingleton<HolderNotices>();
        services.TryAddSingleton(sp => SesEmailClient.Create(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => UserDirectory.Create(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => MobileMessages.Create(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(CreateMacKey);
        services.TryAddSingleton<UnsubscribeTokens>();
        services.TryAddSingleton<Deliverer>();
        return services;
    }

    private static IMacKey CreateMacKey(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration[UnsubscribeKeySetting] is { Length: > 0 } keyId)
        {
            return new KmsMacKey(AwsAccess.CreateKms(configuration), keyId);
        }

        if (configuration[UnsubscribeLocalKeySetting] is { Length: > 0 } local)
        {
            var key = Convert.FromBase64String(local);
            return key.Length >= 32 ? new LocalMacKey(key) : throw new InvalidOperationException($"{UnsubscribeLocalKeySetting} must be at least 32 bytes, base64.");
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")))
        {
            throw new InvalidOperationException($"{UnsubscribeKeySetting} is not set: unsubscribe links can't be signed.");
        }

        // Locally only: links signed in this process work while it runs.
        return new LocalMacKey(RandomNumberGenerator.GetBytes(32));
    }
}
