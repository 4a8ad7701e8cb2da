using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.CheckingIn;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Issued;
using BitcoinEvents.Ticketing.Operations;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using BitcoinEvents.Tickets;
using BitcoinEvents.Tickets.Signing;
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
            DomainEvents.Queue<OnPaymentSucceeded, PaymentSucceededV1>(OnPaymentSucceeded.Name, MessagesJsonContext.Default.PaymentSucceededV1),
            DomainEvents.Queue<OnPaymentRefunded, PaymentRefundedV1>(OnPaymentRefunded.Name, MessagesJsonContext.Default.PaymentRefundedV1),
            DomainEvents.Queue<CancelEventOrders, EventCancelledV1>(CancelEventOrders.Name, MessagesJsonContext.Default.EventCancelledV1),
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

        services.AddResourceId("userId", "user", StaffIds.IsWellFormed, StaffIds.Pattern);

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

        // Signed tickets: the keys are resolved the first time a ticket is signed or verified, so
        // operations that never do (most of them) need no ticket keys configured.
        services.AddTicketSigning();
        services.TryAddSingleton(sp => new Lazy<ITicketSigner>(sp.GetRequiredService<ITicketSigner>));
        services.TryAddSingleton<IssuedTickets>();
        services.TryAddSingleton<DoorStore>();
        services.TryAddSingleton<DoorAccess>();
        services.TryAddSingleton<Door>();
        services.TryAddSingleton<WaitingListStore>();
        services.TryAddSingleton<CancelledEvents>();
        services.TryAddSingleton<EventOrderPages>();
        services.TryAddSingleton<Cancellations>();
        services.TryAddSingleton<EventCancellation>();
        services.TryAddSingleton<ComplimentaryOrders>();
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
        ListMyTickets.Map(routes);
        GetTicket.Map(routes);
        GetTicketQrCode.Map(routes);
        ReassignTicket.Map(routes);
        VoidTicket.Map(routes);
        GetTicketKeys.Map(routes);
        AssignStaff.Map(routes);
        RemoveStaff.Map(routes);
        ListStaff.Map(routes);
        CreateCheckIn.Map(routes);
        UploadCheckIns.Map(routes);
        GetCheckInCounts.Map(routes);
        ListEventTickets.Map(routes);
        JoinWaitingList.Map(routes);
        LeaveWaitingList.Map(routes);
        ListMyWaitingList.Map(routes);
        ListEventWaitingList.Map(routes);
        CancelOrder.Map(routes);
        CancelEventOrder.Map(routes);
        CreateComplimentaryOrder.Map(routes);
        return routes;
    }
}
