using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Operations;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.EventCancelled;

/// <summary>
/// An event's cancellation reaching Ticketing (EventCancelled on CancelEventOrders's queue, delivered
/// as the Lambda runtime hands over an SQS batch): every order is cancelled and refunded once, however
/// often the message comes, and a run stopped for time is continued by the redelivery.
/// </summary>
public sealed class EventCancelledCascadeTests(TicketingFixture fixture) : IAsyncLifetime
{
    private const long Price = 5_000;

    private SalesWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SalesWorld.StartAsync(fixture);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task EveryOrderIsCancelled_PaidOnesRefundedInFull_Once_HoweverOftenTheEventArrives()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 5);
        var priced = await _world.TicketTypeAsync(eventId, priceMinor: Price, maxPerOrder: 4, name: "Standard");
        var free = await _world.TicketTypeAsync(eventId, priceMinor: 0, maxPerOrder: 4, name: "Community");
        var (b, c, d) = await BuyersAsync();
        using var attendee = _world.Api(_world.Attendee);
        using var organizer = _world.Api(_world.Organizer);

        var cancelledBefore = await _world.OrderAsync(_world.Attendee, eventId, priced, 1);
        await SalesApi.ReadAsync(attendee.PostAsync($"/orders/{SalesApi.Id(cancelledBefore)}/cancel", null), HttpStatusCode.OK);
        var placed = await _world.OrderAsync(_world.Attendee, eventId, priced, 2);
        var paymentId = await _world.PayAsync(SalesApi.Id(placed), 2 * Price);
        var paid = await attendee.OrderAsync(SalesApi.Id(placed));
        var pending = await _world.OrderAsync(b, eventId, priced, 1);
        var freeOrder = await _world.OrderAsync(c, eventId, free, 1);
        var complimentary = await SalesApi.ReadAsync(organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject
        {
            ["buyerId"] = d.Sub,
            ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = free, ["name"] = "Guest" }),
        }), HttpStatusCode.Created);
        using var waiter = _world.Api(_world.Admin);
        var entry = await SalesApi.ReadAsync(waiter.JoinAsync(eventId, free, 1), HttpStatusCode.Created);
        var ticketIds = new[] { paid, freeOrder, complimentary }.SelectMany(o => o["ticketIds"]!.AsArray().Select(t => t!.GetValue<string>())).ToList();
        Assert.Equal(4, ticketIds.Count);

        var cancelled = await _world.CancelEventInCatalogAsync(eventId, "The venue burnt down");
        var envelope = Envelope(cancelled);
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            Assert.Empty(await _world.App.DeliverAsync(CancelEventOrders.Name, envelope));
        }

        foreach (var order in new[] { paid, pending, freeOrder, complimentary, cancelledBefore })
        {
            Assert.Equal("cancelled", (await organizer.OrderAsync(SalesApi.Id(order)))["status"]!.GetValue<string>());
        }

        var refund = Assert.Single(await _world.OutboxAsync("RefundRequested"));
        Assert.Equal((SalesApi.Id(paid), paymentId, 2 * Price), (refund.Subject, refund.Data["paymentId"]!.GetValue<string>(), refund.Data["amount"]!["amount"]!.GetValue<long>()));
        var cancellations = await _world.OutboxAsync("OrderCancelled");
        Assert.Equal(5, cancellations.Count);
        Assert.Equal(5, cancellations.Select(m => m.Subject).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(await _world.OutboxAsync("WaitingListOffered"));
        Assert.Equal("waiting", (await waiter.MyEntryAsync(SalesApi.Id(entry)))["status"]!.GetValue<string>());
        var tickets = await _world.App.Services.GetRequiredService<OrderStore>().GetTicketsAsync(ticketIds, TestContext.Current.CancellationToken);
        Assert.All(tickets, t => Assert.Equal(TicketStatus.Void, t.Status));
        Assert.Equal(new Dictionary<string, int> { [priced] = 5, [free] = 5 }, await organizer.AvailableAsync(eventId));

        // Sales stay closed: no new hold, and a late payment of the pending order buys nothing.
        await ApiClient.ReadProblemAsync(await attendee.HoldAsync(eventId, priced, 1), HttpStatusCode.Conflict);
        var latePayment = await _world.PayAsync(SalesApi.Id(pending), Price);
        Assert.Equal(2, (await _world.OutboxAsync("RefundRequested")).Count);
        Assert.Contains(await _world.OutboxAsync("RefundRequested"), m => m.Data["paymentId"]!.GetValue<string>() == latePayment);
        Assert.Empty((await organizer.OrderAsync(SalesApi.Id(pending)))["ticketIds"]!.AsArray());
    }

    [Fact]
    public async Task ARunStoppedForTime_SavesItsPlace_AndTheRedeliveryContinues_CancellingEachOrderOnce()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 30);
        var typeId = await _world.TicketTypeAsync(eventId, priceMinor: 0);
        using var organizer = _world.Api(_world.Organizer);
        for (var i = 0; i < 30; i++)
        {
            await SalesApi.ReadAsync(organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject
            {
                ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["name"] = $"Guest {i}" }),
            }), HttpStatusCode.Created);
        }

        var cancelled = await _world.CancelEventInCatalogAsync(eventId, "Postponed indefinitely");
        var envelope = Envelope(cancelled);

        // A run whose time is up after its first page stops there, with that page done.
        var pages = 0;
        var cascade = _world.App.Services.GetRequiredService<EventCancellation>();
        Assert.False(await cascade.RunAsync(CancelEventOrders.Name, envelope.Id, cancelled, () => pages++ > 0, TestContext.Current.CancellationToken));
        Assert.Equal(EventCancellation.PageSize, (await _world.OutboxAsync("OrderCancelled")).Count);

        // A delivery with too little time left fails its message (SQS delivers it again) and changes nothing.
        var failed = await _world.App.DeliverAsync(CancelEventOrders.Name, TimeSpan.FromSeconds(5), envelope);
        Assert.Single(failed);
        Assert.Equal(EventCancellation.PageSize, (await _world.OutboxAsync("OrderCancelled")).Count);

        // The redelivery with time enough continues where the first run stopped.
        Assert.Empty(await _world.App.DeliverAsync(CancelEventOrders.Name, envelope));
        Assert.Empty(await _world.App.DeliverAsync(CancelEventOrders.Name, envelope));

        var cancellations = await _world.OutboxAsync("OrderCancelled");
        Assert.Equal(30, cancellations.Count);
        Assert.Equal(30, cancellations.Select(m => m.Subject).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(30, (await organizer.AvailableAsync(eventId))[typeId]);
    }

    private static DomainEventEnvelope Envelope(EventCancelledV1 cancelled) => DomainEventEnvelope.Create(
        cancelled, MessagesJsonContext.Default.EventCancelledV1, DomainEventIds.From("events", "EventCancelled", cancelled.EventId), "events", cancelled.EventId, cancelled.CancelledAt);

    private async Task<(TestUser B, TestUser C, TestUser D)> BuyersAsync()
    {
        var buyers = await _world.BuyersAsync();
        return (buyers[0], buyers[1], buyers[2]);
    }
}
