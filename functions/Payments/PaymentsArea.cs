using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Operations;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Payments;

/// <summary>
/// The Payments area: payments of orders through providers (Providers/, one folder each, registered
/// in <see cref="PaymentProviderRegistrations"/>), their webhooks, refunds and reconciliation
/// (docs/payments.md). Each operation is one function of functions/Payments/template.yaml whose
/// Handler is its name.
/// </summary>
public static class PaymentsArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Payments",
        AddServices = builder => builder.Services.AddPaymentsArea(),
        HttpOperations =
        [
            new(StartPayment.Name, StartPayment.Map),
            new(GetPayment.Name, GetPayment.Map),
            new(RefundPayment.Name, RefundPayment.Map),
            new(SetEventPaymentProviders.Name, SetEventPaymentProviders.Map),
            new(GetEventPaymentProviders.Name, GetEventPaymentProviders.Map),
            // One webhook route per registered provider (ReceiveStripeWebhook, ReceiveBtcpayWebhook…),
            // all from one operation file, each its own function.
            .. ReceiveWebhook.Operations(PaymentProviderRegistrations.All),
        ],
        BackgroundOperations =
        [
            BackgroundOperation.Queue<OnWebhookReceived, WebhookReceived>(OnWebhookReceived.Name, () => PaymentsJsonContext.Default.WebhookReceived),
            DomainEvents.Queue<OnRefundRequested, RefundRequestedV1>(OnRefundRequested.Name, () => MessagesJsonContext.Default.RefundRequestedV1),
            DomainEvents.Queue<ExpireOrderPayments, OrderExpiredV1>(ExpireOrderPayments.Name, () => MessagesJsonContext.Default.OrderExpiredV1),
            BackgroundOperation.Schedule<ReconcilePayments>(ReconcilePayments.Name),
        ],
    };

    public static IServiceCollection AddPaymentsArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PaymentsJsonContext.Default));
        services.AddResourceId("paymentId", "payment", PaymentIds.IsWellFormed, PaymentIds.Pattern);
        services.AddResourceId("orderId", "order", TicketingIds.IsWellFormed, TicketingIds.Pattern);
        services.AddResourceId("eventId", EventAccess.Resource, EventIds.IsWellFormed, EventIds.Pattern);
        services.AddOutbox();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventCatalog>();
        services.TryAddSingleton<ProviderSettings>();
        foreach (var registration in PaymentProviderRegistrations.All)
        {
            registration.AddServices(services);
        }

        services.TryAddSingleton<PaymentProviderRegistry>();
        services.TryAddSingleton<PaymentsTable>();
        services.TryAddSingleton<PaymentStore>();
        services.TryAddSingleton<OrderBook>();
        services.TryAddSingleton<PaymentMessages>();
        services.TryAddSingleton<PaymentUpdates>();
        services.TryAddSingleton<EventProviders>();
        services.TryAddSingleton<PaymentStarts>();
        services.TryAddSingleton<Refunds>();
        services.TryAddSingleton<WebhookQueue>();
        services.TryAddSingleton<WebhookIntake>();
        return services;
    }
}
