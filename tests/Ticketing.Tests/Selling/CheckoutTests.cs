using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>Checkout: a hold becomes an order at the prices it was taken at; a free order is paid at once.</summary>
public sealed class CheckoutTests(TicketingFixture fx)
{
    [Fact]
    public async Task AFreeOrder_IsPaidAtOnce_WithOneTicketPerSeat_AndOrderPaidInTheOutbox()
    {
        var (eventId, free, _) = await EventAsync();
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(free, 3));

        var order = await buyer.CheckoutOkAsync(hold);

        Assert.Equal(("paid", new MoneyDto(0, "EUR"), fx.Attendee.Sub, eventId), (order.Status, order.Total, order.BuyerId, order.EventId));
        Assert.NotNull(order.PaidAt);
        Assert.Equal(3, order.TicketIds.Distinct().Count());
        var line = Assert.Single(order.Lines);
        Assert.Equal(("ticket", free, 3), (line.Kind, line.ItemId, line.Quantity));
        Assert.Equal(["Guest 1 of Community", "Guest 2 of Community", "Guest 3 of Community"], line.HolderNames);
        var checkedOut = await buyer.GetHoldAsync(hold.Id);
        Assert.Equal(("checked_out", order.Id), (checkedOut.Status, checkedOut.OrderId));

        var paid = Assert.Single(await fx.App.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Equal(order.TicketIds, paid["data"]!["tickets"]!.AsArray().Select(t => t!["ticketId"]!.GetValue<string>()));
        Assert.Empty(await fx.App.OutboxAsync(order.Id, "OrderPlaced"));
        Assert.Equal(97, (await fx.App.SellingApi(fx.Organizer).ListQuotasAsync(eventId)).Single().Available);

        using var mine = await buyer.GetAsync("/me/orders");
        Assert.Contains((await SellingApi.ReadAsync<OrderPageResponse>(mine, HttpStatusCode.OK)).Items, o => o.Id == order.Id);
        using var theirs = await fx.App.SellingApi(fx.Organizer).GetAsync($"/organizer/events/{eventId}/orders");
        Assert.Equal([order.Id], (await SellingApi.ReadAsync<OrderPageResponse>(theirs, HttpStatusCode.OK)).Items.Select(o => o.Id));
    }

    [Fact]
    public async Task APaidOrder_IsPending_AtTheTotalTheServerComputed_UntilTheHoldsDeadline()
    {
        var (eventId, free, standard) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "TEN", ["percentOff"] = 10 });
        using var buyer = fx.App.SellingApi(fx.Attendee);
        using var held = await buyer.HoldAsync(eventId, SellingApi.HoldBody("TEN", SellingApi.Line(standard, 2), SellingApi.Line(free, 1)));
        var hold = await SellingApi.ReadAsync<HoldResponse>(held, HttpStatusCode.Created);

        // The price changes after the hold; the client claims a total of its own (refused: a checkout
        // has no such member). Neither counts.
        using (var repriced = await organizer.PatchAsync($"/events/{eventId}/ticket-types/{standard}", new JsonObject { ["price"] = new JsonObject { ["amount"] = 9_900 } }))
        {
            Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        }

        var body = SellingApi.CheckoutBody(hold);
        body["total"] = new JsonObject { ["amount"] = 1, ["currency"] = "EUR" };
        using (var claimed = await buyer.PostAsync($"/holds/{hold.Id}/checkout", body))
        {
            await ApiClient.AssertValidationErrorAsync(claimed, "total");
        }

        body.Remove("total");
        using var response = await buyer.PostAsync($"/holds/{hold.Id}/checkout", body);
        var order = await SellingApi.ReadAsync<OrderResponse>(response, HttpStatusCode.Created);

        Assert.Equal("pending", order.Status);
        Assert.Equal((new MoneyDto(5_000, "EUR"), new MoneyDto(500, "EUR"), new MoneyDto(4_500, "EUR")), (order.Subtotal, order.Discount, order.Total));
        Assert.Equal((new MoneyDto(0, "EUR"), "TEN"), (order.AmountPaid, order.VoucherCode));
        Assert.Equal(hold.ExpiresAt, order.PaymentDeadline);
        Assert.Empty(order.TicketIds);
        Assert.Null(order.PaidAt);
        var placed = Assert.Single(await fx.App.OutboxAsync(order.Id, "OrderPlaced"));
        Assert.Equal(4_500, placed["data"]!["total"]!["amount"]!.GetValue<long>());
        Assert.Empty(await fx.App.OutboxAsync(order.Id, "OrderPaid"));
        Assert.Equal(order, await buyer.GetOrderAsync(order.Id) with { Lines = order.Lines, TicketIds = order.TicketIds });
    }

    [Theory]
    [InlineData("""{}""", "attendees")]
    [InlineData("""{"attendees":[{"ticketTypeId":"{free}","name":"Ada"}]}""", "attendees")]
    [InlineData("""{"attendees":[{"ticketTypeId":"{free}","name":"Ada"},{"ticketTypeId":"00000000000000000000000000000000","name":"Bob"}]}""", "attendees[1].ticketTypeId")]
    [InlineData("""{"attendees":[{"ticketTypeId":"{free}","name":"Ada"},{"ticketTypeId":"{free}","name":"  "}]}""", "attendees[1].name")]
    [InlineData("""{"attendees":[{"ticketTypeId":"{free}","name":"Ada"},null]}""", "attendees[1].ticketTypeId")]
    public async Task ABadCheckout_Is400NamingTheField_AndLeavesTheHoldAsItWas(string body, string field)
    {
        var (eventId, free, _) = await EventAsync();
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(free, 2));

        using var response = await buyer.SendRawAsync(HttpMethod.Post, $"/holds/{hold.Id}/checkout", body.Replace("{free}", free, StringComparison.Ordinal), ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        Assert.Equal(("active", 1L), (await buyer.GetHoldAsync(hold.Id) is var h ? (h.Status, h.Version) : default));
        Assert.Equal("paid", (await buyer.CheckoutOkAsync(hold)).Status);
    }

    [Fact]
    public async Task AHold_IsCheckedOutOnce()
    {
        var (eventId, _, standard) = await EventAsync();
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 2));
        var order = await buyer.CheckoutOkAsync(hold);

        using var again = await buyer.CheckoutAsync(hold);

        Assert.Equal("invalid_state_transition", (await ApiClient.ReadProblemAsync(again, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
        using var orders = await fx.App.SellingApi(fx.Organizer).GetAsync($"/organizer/events/{eventId}/orders");
        Assert.Equal([order.Id], (await SellingApi.ReadAsync<OrderPageResponse>(orders, HttpStatusCode.OK)).Items.Select(o => o.Id));
        Assert.Equal(98, (await fx.App.SellingApi(fx.Organizer).ListQuotasAsync(eventId)).Single().Available);
    }

    [Fact]
    public async Task AnOrder_IsVisibleToItsBuyer_TheEventsOrganizer_AndAdmins_Only()
    {
        var (eventId, free, _) = await EventAsync();
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var order = await buyer.CheckoutOkAsync(await buyer.HoldOkAsync(eventId, SellingApi.Line(free, 1)));

        foreach (var user in new[] { fx.Organizer, fx.Admin })
        {
            Assert.Equal(order.Id, (await fx.App.SellingApi(user).GetOrderAsync(order.Id)).Id);
        }

        using var other = fx.App.SellingApi(fx.OtherOrganizer);
        using var read = await other.GetAsync($"/orders/{order.Id}");
        await ApiClient.ReadProblemAsync(read, HttpStatusCode.NotFound);
        using var list = await other.GetAsync($"/organizer/events/{eventId}/orders");
        await ApiClient.ReadProblemAsync(list, HttpStatusCode.NotFound);
        using var mine = await other.GetAsync("/me/orders");
        Assert.DoesNotContain((await SellingApi.ReadAsync<OrderPageResponse>(mine, HttpStatusCode.OK)).Items, o => o.Id == order.Id);
    }

    /// <summary>A published event of 100 seats with Community (free) and Standard (25 EUR).</summary>
    private async Task<(string EventId, string Free, string Standard)> EventAsync()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var free = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Community", 0));
        var standard = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        return (eventId, free.Id, standard.Id);
    }
}
