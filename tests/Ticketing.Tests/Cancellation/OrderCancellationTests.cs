using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Cancellation;

/// <summary>
/// Cancelling orders against DynamoDB Local: the buyer within the event's refund policy, the
/// organizer any time; tickets void, seats back exactly (to the waiting line first), and what the
/// outbox tells Payments (RefundRequested: how much, for which payment, once).
/// </summary>
public sealed class OrderCancellationTests(TicketingFixture fixture) : IAsyncLifetime
{
    private const long Price = 5_000;

    private SalesWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SalesWorld.StartAsync(fixture);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task ThePendingOrder_CancelledByItsBuyer_GivesItsSeatsBack_AsksNoRefund_AndALatePaymentIsRefunded_NeverTicketed()
    {
        var (eventId, typeId) = await PricedEventAsync(capacity: 4);
        var order = await _world.OrderAsync(_world.Attendee, eventId, typeId, 2);
        Assert.Equal("pending", order["status"]!.GetValue<string>());
        using var buyer = _world.Api(_world.Attendee);
        Assert.Equal(2, (await buyer.AvailableAsync(eventId))[typeId]);

        var cancelled = await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(order)}/cancel", new JsonObject { ["reason"] = "Plans changed" }), HttpStatusCode.OK);
        var again = await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(order)}/cancel", null), HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Plans changed", cancelled["cancellationReason"]!.GetValue<string>());
        Assert.Equal(cancelled["version"]!.GetValue<long>(), again["version"]!.GetValue<long>());
        Assert.Equal(4, (await buyer.AvailableAsync(eventId))[typeId]);
        var message = Assert.Single(await _world.OutboxAsync("OrderCancelled"));
        Assert.False(message.Data["byOrganizer"]!.GetValue<bool>());
        Assert.Empty(await _world.OutboxAsync("RefundRequested"));

        // Payments reports a payment after all: it buys nothing and goes back.
        var paymentId = await _world.PayAsync(SalesApi.Id(order), 2 * Price);

        var after = await buyer.OrderAsync(SalesApi.Id(order));
        Assert.Equal("cancelled", after["status"]!.GetValue<string>());
        Assert.Empty(after["ticketIds"]!.AsArray());
        var refund = Assert.Single(await _world.OutboxAsync("RefundRequested"));
        Assert.Equal(paymentId, refund.Data["paymentId"]!.GetValue<string>());
        Assert.Equal(2 * Price, refund.Data["amount"]!["amount"]!.GetValue<long>());
        Assert.Empty(await _world.OutboxAsync("OrderPaid"));
        Assert.Equal(4, (await buyer.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task ThePaidOrder_CancelledByItsBuyerWithinThePolicy_VoidsTickets_ReturnsSeats_AndAsksThePolicysShareBackOnce()
    {
        var (eventId, typeId) = await PricedEventAsync(capacity: 4);
        var order = await _world.OrderAsync(_world.Attendee, eventId, typeId, 2);
        var paymentId = await _world.PayAsync(SalesApi.Id(order), 2 * Price);
        using var buyer = _world.Api(_world.Attendee);
        var paid = await buyer.OrderAsync(SalesApi.Id(order));
        Assert.Equal("paid", paid["status"]!.GetValue<string>());

        var cancelled = await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(order)}/cancel", null), HttpStatusCode.OK);
        await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(order)}/cancel", null), HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(8_000, cancelled["refundRequested"]!["amount"]!.GetValue<long>());
        var refund = Assert.Single(await _world.OutboxAsync("RefundRequested"));
        Assert.Equal(paymentId, refund.Data["paymentId"]!.GetValue<string>());
        Assert.Equal(8_000, refund.Data["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("EUR", refund.Data["amount"]!["currency"]!.GetValue<string>());
        Assert.Single(await _world.OutboxAsync("OrderCancelled"));
        Assert.All(await TicketsAsync(paid), t => Assert.Equal(TicketStatus.Void, t.Status));
        Assert.Equal(4, (await buyer.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task PastTheRefundDeadline_TheBuyerIsRefused_AndTheOrganizerCancels_WithEverythingBack()
    {
        var (eventId, typeId) = await PricedEventAsync(capacity: 4, startsIn: TimeSpan.FromHours(24));
        var order = await _world.OrderAsync(_world.Attendee, eventId, typeId, 2);
        await _world.PayAsync(SalesApi.Id(order), 2 * Price);
        var orderId = SalesApi.Id(order);
        using var buyer = _world.Api(_world.Attendee);

        var refused = await ApiClient.ReadProblemAsync(await buyer.PostAsync($"/orders/{orderId}/cancel", null), HttpStatusCode.Conflict);
        Assert.Contains("refund deadline", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var stillPaid = await buyer.OrderAsync(orderId);
        Assert.Equal("paid", stillPaid["status"]!.GetValue<string>());
        Assert.All(await TicketsAsync(stillPaid), t => Assert.Equal(TicketStatus.Valid, t.Status));
        Assert.Empty(await _world.OutboxAsync("RefundRequested"));

        using var stranger = _world.Api((await _world.BuyersAsync())[0]);
        await ApiClient.ReadProblemAsync(await stranger.PostAsync($"/orders/{orderId}/cancel", null), HttpStatusCode.NotFound);
        using var otherOrganizer = _world.Api(_world.OtherOrganizer);
        await ApiClient.ReadProblemAsync(await otherOrganizer.PostAsync($"/organizer/events/{eventId}/orders/{orderId}/cancel", null), HttpStatusCode.NotFound);

        using var organizer = _world.Api(_world.Organizer);
        var cancelled = await SalesApi.ReadAsync(organizer.PostAsync($"/organizer/events/{eventId}/orders/{orderId}/cancel", new JsonObject { ["reason"] = "Seat needed for a speaker" }), HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        var refund = Assert.Single(await _world.OutboxAsync("RefundRequested"));
        Assert.Equal(2 * Price, refund.Data["amount"]!["amount"]!.GetValue<long>());
        Assert.True(Assert.Single(await _world.OutboxAsync("OrderCancelled")).Data["byOrganizer"]!.GetValue<bool>());
        Assert.All(await TicketsAsync(stillPaid), t => Assert.Equal(TicketStatus.Void, t.Status));
        Assert.Equal(4, (await buyer.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task WhenRefundsAreOff_ABuyerCanStillCancelAPendingOrder_ButNotAPaidOne()
    {
        var (eventId, typeId) = await PricedEventAsync(capacity: 4);
        await _world.SettingsAsync(eventId, new JsonObject { ["refundsDisabled"] = true });
        var pending = await _world.OrderAsync(_world.Attendee, eventId, typeId, 1);
        var paid = await _world.OrderAsync(_world.Attendee, eventId, typeId, 1);
        await _world.PayAsync(SalesApi.Id(paid), Price);
        using var buyer = _world.Api(_world.Attendee);

        await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(pending)}/cancel", null), HttpStatusCode.OK);
        await ApiClient.ReadProblemAsync(await buyer.PostAsync($"/orders/{SalesApi.Id(paid)}/cancel", null), HttpStatusCode.Conflict);

        Assert.Equal(3, (await buyer.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task ACancelledPaidOrdersSeats_GoToTheWaitingLineFirst()
    {
        var (eventId, typeId) = await PricedEventAsync(capacity: 2);
        var order = await _world.OrderAsync(_world.Attendee, eventId, typeId, 2);
        await _world.PayAsync(SalesApi.Id(order), 2 * Price);
        var waiting = (await _world.BuyersAsync())[0];
        using var waiter = _world.Api(waiting);
        var entry = await SalesApi.ReadAsync(waiter.JoinAsync(eventId, typeId, 2), HttpStatusCode.Created);
        using var buyer = _world.Api(_world.Attendee);

        await SalesApi.ReadAsync(buyer.PostAsync($"/orders/{SalesApi.Id(order)}/cancel", null), HttpStatusCode.OK);

        var offered = await waiter.MyEntryAsync(SalesApi.Id(entry));
        Assert.Equal("offered", offered["status"]!.GetValue<string>());
        Assert.Equal(0, (await buyer.AvailableAsync(eventId))[typeId]);
        var offer = await SalesApi.ReadAsync(waiter.GetAsync($"/holds/{offered["offerHoldId"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.Equal("waiting_list_offer", offer["kind"]!.GetValue<string>());
        Assert.Equal(2 * Price, offer["total"]!["amount"]!.GetValue<long>());
        Assert.Single(await _world.OutboxAsync("WaitingListOffered"));
    }

    private async Task<(string EventId, string TypeId)> PricedEventAsync(int capacity, TimeSpan? startsIn = null)
    {
        var eventId = await _world.PublishedEventAsync(capacity, startsIn);
        var typeId = await _world.TicketTypeAsync(eventId, priceMinor: Price, maxPerOrder: 4);
        await _world.SettingsAsync(eventId, new JsonObject { ["holdMinutes"] = 5, ["refundUntilHoursBeforeStart"] = 48, ["refundPercent"] = 80 });
        return (eventId, typeId);
    }

    private async Task<IReadOnlyList<Ticket>> TicketsAsync(JsonObject order)
    {
        var ids = order["ticketIds"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.NotEmpty(ids);
        var tickets = await _world.App.Services.GetRequiredService<OrderStore>().GetTicketsAsync(ids, TestContext.Current.CancellationToken);
        Assert.Equal(ids.Count, tickets.Count);
        return tickets;
    }
}
