using System.Net;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>
/// What Payments reports, delivered to the area's queue consumers as SQS delivers them: duplicated,
/// out of order, late. Tickets are issued once; money is never kept without seats (a refund is
/// requested through the outbox); a seat is never sold twice.
/// </summary>
public sealed class PaymentOutcomesTests(TicketingFixture fx)
{
    private const string Succeeded = "ApplyPaymentSucceeded";
    private const string Refunded = "ApplyPaymentRefunded";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APaymentDeliveredThreeTimes_InOneBatch_AgainAndConcurrently_PaysTheOrderAndIssuesItsTicketsOnce()
    {
        var app = fx.App;
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 2);
        var payment = SellingApp.Succeeded(order.Id, "pi_1", order.Total, DateTimeOffset.UtcNow);

        Assert.Empty(await app.DeliverAsync(Succeeded, payment, payment));
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.DeliverAsync(Succeeded, payment)));

        Assert.All(again, Assert.Empty);
        var paid = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("paid", order.Total, 2), (paid.Status, paid.AmountPaid, paid.TicketIds.Count));
        Assert.Null(paid.RefundRequested);
        Assert.Equal(paid.TicketIds.Order(StringComparer.Ordinal), await TicketIdsAsync(app, eventId, order.Id));
        Assert.Single(await app.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Empty(await app.OutboxAsync(order.Id, "RefundRequested"));
        Assert.Equal(8, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task ASecondPayment_ForAPaidOrder_IsRefunded_Once_AndIssuesNothing()
    {
        var app = fx.App;
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 1);
        var second = SellingApp.Succeeded(order.Id, "pi_2", order.Total, DateTimeOffset.UtcNow);

        Assert.Empty(await app.DeliverAsync(Succeeded, SellingApp.Succeeded(order.Id, "pi_1", order.Total, DateTimeOffset.UtcNow), second));
        Assert.Empty(await app.DeliverAsync(Succeeded, second));

        var paid = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("paid", 1, order.Total), (paid.Status, paid.TicketIds.Count, paid.RefundRequested));
        var refund = Assert.Single(await app.OutboxAsync(order.Id, "RefundRequested"));
        Assert.Equal(("pi_2", 2_500L), (refund["data"]!["paymentId"]!.GetValue<string>(), refund["data"]!["amount"]!["amount"]!.GetValue<long>()));
        Assert.Single(await TicketIdsAsync(app, eventId, order.Id));
    }

    [Fact]
    public async Task APaymentOfLessThanTheTotal_BuysNothing_AndIsRefunded()
    {
        var app = fx.App;
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 2);

        Assert.Empty(await app.DeliverAsync(Succeeded, SellingApp.Succeeded(order.Id, "pi_short", new MoneyDto(100, "EUR"), DateTimeOffset.UtcNow)));

        var now = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("pending", new MoneyDto(100, "EUR")), (now.Status, now.RefundRequested));
        Assert.Empty(now.TicketIds);
        Assert.Equal(100, Assert.Single(await app.OutboxAsync(order.Id, "RefundRequested"))["data"]!["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal(8, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task AFullRefund_OfAPaidOrder_VoidsItsTickets_AndGivesItsSeatsBack_Once()
    {
        var app = fx.App;
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 3);
        Assert.Empty(await app.DeliverAsync(Succeeded, SellingApp.Succeeded(order.Id, "pi_1", order.Total, DateTimeOffset.UtcNow)));
        Assert.Equal(7, await AvailableAsync(app, eventId));
        var refund = SellingApp.Refunded(order.Id, "pi_1", "re_1", order.Total, DateTimeOffset.UtcNow);

        Assert.Empty(await app.DeliverAsync(Refunded, refund, refund));
        Assert.Empty(await app.DeliverAsync(Refunded, refund));

        var refunded = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("refunded", order.Total), (refunded.Status, refunded.AmountRefunded));
        Assert.Equal(10, await AvailableAsync(app, eventId));
        Assert.All(await TicketsAsync(app, refunded.TicketIds), t => Assert.Equal(TicketStatus.Void, t.Status));

        // A late duplicate of the payment after its refund changes nothing either.
        Assert.Empty(await app.DeliverAsync(Succeeded, SellingApp.Succeeded(order.Id, "pi_1", order.Total, DateTimeOffset.UtcNow)));
        Assert.Equal("refunded", (await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id)).Status);
        Assert.Equal(10, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task ARefundArrivingBeforeItsPayment_MeansThePaymentBuysNothing_AndTheOrderLapses()
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 2);
        var payment = SellingApp.Succeeded(order.Id, "pi_1", order.Total, clock.GetUtcNow());

        Assert.Empty(await app.DeliverAsync(Refunded, SellingApp.Refunded(order.Id, "pi_1", "re_1", order.Total, clock.GetUtcNow())));
        Assert.Empty(await app.DeliverAsync(Succeeded, payment, payment));

        var now = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("pending", order.Total), (now.Status, now.AmountRefunded));
        Assert.Empty(now.TicketIds);
        Assert.Empty(await app.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Empty(await app.OutboxAsync(order.Id, "RefundRequested"));

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await app.ExpireHoldsAsync());
        Assert.Equal("expired", (await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id)).Status);
        Assert.Equal(10, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task APaymentAfterTheDeadline_ButBeforeTheJobRan_IsHonoured()
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 2);
        clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Empty(await app.DeliverAsync(Succeeded, SellingApp.Succeeded(order.Id, "pi_1", order.Total, clock.GetUtcNow())));
        Assert.Equal(0, await app.ExpireHoldsAsync());

        var paid = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("paid", 2), (paid.Status, paid.TicketIds.Count));
        Assert.Equal(8, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task APaymentAfterTheOrderExpired_TakesSeatsAgain_WhenThereAreSome()
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        var (eventId, order) = await PendingOrderAsync(app, capacity: 10, seats: 3);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await app.ExpireHoldsAsync());
        Assert.Equal(10, await AvailableAsync(app, eventId));
        var payment = SellingApp.Succeeded(order.Id, "pi_late", order.Total, clock.GetUtcNow());

        Assert.Empty(await app.DeliverAsync(Succeeded, payment));
        Assert.Empty(await app.DeliverAsync(Succeeded, payment, payment));

        var paid = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("paid", 3, (MoneyDto?)null), (paid.Status, paid.TicketIds.Count, paid.RefundRequested));
        Assert.Equal(7, await AvailableAsync(app, eventId));
        Assert.Single(await app.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Empty(await app.OutboxAsync(order.Id, "RefundRequested"));
        Assert.Equal(3, (await TicketIdsAsync(app, eventId, order.Id)).Count);
    }

    [Fact]
    public async Task APaymentAfterTheOrderExpired_AndTheSeatsWereSold_RequestsARefund_Once_AndOversellsNothing()
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        var (eventId, order) = await PendingOrderAsync(app, capacity: 4, seats: 2);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await app.ExpireHoldsAsync());
        using var other = app.SellingApi(fx.Admin);
        var types = await app.SellingApi(null).ListTypesAsync(eventId);
        await other.HoldOkAsync(eventId, SellingApi.Line(types[0].Id, 3));
        var payment = SellingApp.Succeeded(order.Id, "pi_late", order.Total, clock.GetUtcNow());

        Assert.Empty(await app.DeliverAsync(Succeeded, payment));
        Assert.Empty(await app.DeliverAsync(Succeeded, payment, payment));

        var expired = await app.SellingApi(fx.Attendee).GetOrderAsync(order.Id);
        Assert.Equal(("expired", order.Total, order.Total), (expired.Status, expired.RefundRequested, expired.AmountPaid));
        Assert.Empty(expired.TicketIds);
        var refund = Assert.Single(await app.OutboxAsync(order.Id, "RefundRequested"));
        Assert.Equal(("pi_late", order.Total.Amount), (refund["data"]!["paymentId"]!.GetValue<string>(), refund["data"]!["amount"]!["amount"]!.GetValue<long>()));
        Assert.Empty(await app.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Equal(1, await AvailableAsync(app, eventId));
        Assert.Empty(await TicketIdsAsync(app, eventId, order.Id));
    }

    [Fact]
    public async Task TwoLatePayments_RacingForTheLastSeats_OneGetsThem_TheOtherIsRefunded()
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        var (eventId, first) = await PendingOrderAsync(app, capacity: 3, seats: 2);
        using var buyer = app.SellingApi(fx.Attendee);
        var typeId = first.Lines[0].ItemId;
        var second = await buyer.CheckoutOkAsync(await buyer.HoldOkAsync(eventId, SellingApi.Line(typeId, 1)));
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(2, await app.ExpireHoldsAsync());
        await buyer.HoldOkAsync(eventId, SellingApi.Line(typeId, 1));

        // Two seats left: either late payment alone could take its seats again, not both (2 + 1 > 2).
        var results = await Task.WhenAll(
            app.DeliverAsync(Succeeded, SellingApp.Succeeded(first.Id, "pi_a", first.Total, clock.GetUtcNow())),
            app.DeliverAsync(Succeeded, SellingApp.Succeeded(second.Id, "pi_b", second.Total, clock.GetUtcNow())));

        Assert.All(results, Assert.Empty);
        var orders = new[] { await buyer.GetOrderAsync(first.Id), await buyer.GetOrderAsync(second.Id) };
        var paid = Assert.Single(orders, o => o.Status == "paid");
        var refused = Assert.Single(orders, o => o.Status == "expired");
        Assert.Equal(refused.Total, refused.RefundRequested);
        Assert.Single(await app.OutboxAsync(refused.Id, "RefundRequested"));
        Assert.Empty(await app.OutboxAsync(paid.Id, "RefundRequested"));
        Assert.Equal(paid.Lines[0].Quantity, paid.TicketIds.Count);
        Assert.Equal(3 - 1 - paid.Lines[0].Quantity, await AvailableAsync(app, eventId));
    }

    [Fact]
    public async Task APaymentForAnOrderThatDoesNotExist_FailsItsMessage_AndWritesNothing()
    {
        var orderId = TicketingIds.New(TimeProvider.System);
        var message = SellingApp.Succeeded(orderId, "pi_ghost", new MoneyDto(100, "EUR"), DateTimeOffset.UtcNow);

        var failed = await fx.App.DeliverAsync(Succeeded, message);

        Assert.Single(failed);
        Assert.Empty(await fx.App.OutboxAsync(orderId, "RefundRequested"));
    }

    /// <summary>A published event with a Standard type (25 EUR) and the attendee's pending order of <paramref name="seats"/>.</summary>
    private async Task<(string EventId, OrderResponse Order)> PendingOrderAsync(PlatformApp<Program> app, int capacity, int seats)
    {
        var eventId = await app.SeedEventAsync(fx.Organizer, capacity);
        using var organizer = app.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        using var buyer = app.SellingApi(fx.Attendee);
        var order = await buyer.CheckoutOkAsync(await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, seats)));
        Assert.Equal("pending", order.Status);
        return (eventId, order);
    }

    private async Task<int> AvailableAsync(PlatformApp<Program> app, string eventId) =>
        (await app.SellingApi(fx.Organizer).ListQuotasAsync(eventId)).Single(q => q.IsEventTotal).Available;

    /// <summary>The ids of every ticket item written for the order (whatever the order record says).</summary>
    private static async Task<IReadOnlyList<string>> TicketIdsAsync(PlatformApp<Program> app, string eventId, string orderId)
    {
        var ids = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await app.Dynamo().ScanAsync(new ScanRequest
            {
                TableName = app.Setting(TicketingTable.Setting),
                FilterExpression = "begins_with(pk, :ticket) AND eventId = :event",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":ticket"] = new() { S = "TICKET#" }, [":event"] = new() { S = eventId } },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, Ct);
            ids.AddRange(page.Items.Select(i => TicketingItems.Read(i, StorageJson.Default.Ticket)).Where(t => t.OrderId == orderId).Select(t => t.Id));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<Ticket>> TicketsAsync(PlatformApp<Program> app, IEnumerable<string> ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderStore>().GetTicketsAsync(ids, Ct);
    }
}
