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
        // In Lambda a function maps only its own operation (its Handler); other hosts map them all.
        HttpOperations =
        [
            new(CreateTicketType.Name, CreateTicketType.Map),
            new(UpdateTicketType.Name, UpdateTicketType.Map),
            new(ListTicketTypes.Name, ListTicketTypes.Map),
            new(ListOrganizerTicketTypes.Name, ListOrganizerTicketTypes.Map),
            new(CreateQuota.Name, CreateQuota.Map),
            new(UpdateQuota.Name, UpdateQuota.Map),
            new(ListQuotas.Name, ListQuotas.Map),
            new(CreateSession.Name, CreateSession.Map),
            new(UpdateSession.Name, UpdateSession.Map),
            new(ListSessions.Name, ListSessions.Map),
            new(CreateVoucher.Name, CreateVoucher.Map),
            new(UpdateVoucher.Name, UpdateVoucher.Map),
            new(ListVouchers.Name, ListVouchers.Map),
            new(GetTicketingSettings.Name, GetTicketingSettings.Map),
            new(UpdateTicketingSettings.Name, UpdateTicketingSettings.Map),
            new(CreateHold.Name, CreateHold.Map),
            new(GetHold.Name, GetHold.Map),
            new(ReleaseHold.Name, ReleaseHold.Map),
            new(CheckoutHold.Name, CheckoutHold.Map),
            new(GetOrder.Name, GetOrder.Map),
            new(ListMyOrders.Name, ListMyOrders.Map),
            new(ListEventOrders.Name, ListEventOrders.Map),
            new(ListMyTickets.Name, ListMyTickets.Map),
            new(GetTicket.Name, GetTicket.Map),
            new(GetTicketQrCode.Name, GetTicketQrCode.Map),
            new(ReassignTicket.Name, ReassignTicket.Map),
            new(VoidTicket.Name, VoidTicket.Map),
            new(GetTicketKeys.Name, GetTicketKeys.Map),
            new(AssignStaff.Name, AssignStaff.Map),
            new(RemoveStaff.Name, RemoveStaff.Map),
            new(ListStaff.Name, ListStaff.Map),
            new(CreateCheckIn.Name, CreateCheckIn.Map),
            new(UploadCheckIns.Name, UploadCheckIns.Map),
            new(GetCheckInCounts.Name, GetCheckInCounts.Map),
            new(ListEventTickets.Name, ListEventTickets.Map),
            new(JoinWaitingList.Name, JoinWaitingList.Map),
            new(LeaveWaitingList.Name, LeaveWaitingList.Map),
            new(ListMyWaitingList.Name, ListMyWaitingList.Map),
            new(ListEventWaitingList.Name, ListEventWaitingList.Map),
            new(CancelOrder.Name, CancelOrder.Map),
            new(CancelEventOrder.Name, CancelEventOrder.Map),
            new(CreateComplimentaryOrder.Name, CreateComplimentaryOrder.Map),
        ],
        BackgroundOperations =
        [
            BackgroundOperation.Schedule<ExpireHolds>(ExpireHolds.Name),
            DomainEvents.Queue<ApplyPaymentSucceeded, PaymentSucceededV1>(ApplyPaymentSucceeded.Name, () => MessagesJsonContext.Default.PaymentSucceededV1),
            DomainEvents.Queue<ApplyPaymentRefunded, PaymentRefundedV1>(ApplyPaymentRefunded.Name, () => MessagesJsonContext.Default.PaymentRefundedV1),
            DomainEvents.Queue<CancelEventOrders, EventCancelledV1>(CancelEventOrders.Name, () => MessagesJsonContext.Default.EventCancelledV1),
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
}
