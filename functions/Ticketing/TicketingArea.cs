using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Operations;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Ticketing;

/// <summary>
/// The Ticketing area: ticket types, quotas, sessions, vouchers, holds, orders, tickets, check-in
/// and the waiting list. Each operation is one function of functions/Ticketing/template.yaml.
/// </summary>
public static class TicketingArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Ticketing",
        AddServices = builder => builder.Services.AddTicketingArea(),
        MapEndpoints = routes => routes.MapTicketingApi(),
        BackgroundOperations =
        [
            BackgroundOperation.Schedule<ExpireHolds>(ExpireHolds.Name),
            DomainEvents.Queue<ApplyPaymentSucceeded, PaymentSucceededV1>(ApplyPaymentSucceeded.Name, MessagesJsonContext.Default.PaymentSucceededV1),
            DomainEvents.Queue<ApplyPaymentRefunded, PaymentRefundedV1>(ApplyPaymentRefunded.Name, MessagesJsonContext.Default.PaymentRefundedV1),
        ],
    };

    public static IServiceCollection AddTicketingArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TicketingJsonContext.Default));
        foreach (var id in new[] { "eventId", "ticketTypeId", "quotaId", "sessionId", "holdId", "orderId", "ticketId", "entryId" })
        {
            services.AddResourceId(id, id[..^2], TicketingIds.IsWellFormed, TicketingIds.Pattern);
        }

        services.AddOutbox();
        services.TryAddSingleton<EventCatalog>();
        services.TryAddSingleton<TicketingTable>();
        services.TryAddSingleton<SetupStore>();
        services.TryAddSingleton<HoldStore>();
        services.TryAddSingleton<OrderStore>();
        services.TryAddSingleton<ListingStore>();
        services.TryAddSingleton<ExpiryIndex>();
        services.TryAddSingleton<Organizing>();
        services.TryAddSingleton<Availability>();
        services.TryAddSingleton<Reservations>();
        services.TryAddSingleton<Issuing>();
        services.TryAddSingleton<WaitingListOffers>();
        services.TryAddSingleton<Settlement>();
        services.TryAddSingleton<PaymentOutcomes>();
        return services;
    }

    public static IEndpointRouteBuilder MapTicketingApi(this IEndpointRouteBuilder routes)
    {
        CreateTicketType.Map(routes);
        UpdateTicketType.Map(routes);
        ListTicketTypes.Map(routes);
        ListOrganizerTicketTypes.Map(routes);
        CreateQuota.Map(routes);
        UpdateQuota.Map(routes);
        ListQuotas.Map(routes);
        CreateSession.Map(routes);
        UpdateSession.Map(routes);
        ListSessions.Map(routes);
        CreateVoucher.Map(routes);
        UpdateVoucher.Map(routes);
        ListVouchers.Map(routes);
        GetTicketingSettings.Map(routes);
        UpdateTicketingSettings.Map(routes);
        CreateHold.Map(routes);
        GetHold.Map(routes);
        ReleaseHold.Map(routes);
        CheckoutHold.Map(routes);
        GetOrder.Map(routes);
        ListMyOrders.Map(routes);
        ListEventOrders.Map(routes);
        return routes;
    }
}
