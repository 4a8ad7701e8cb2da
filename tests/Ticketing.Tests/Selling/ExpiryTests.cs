using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>
/// Expiry on a clock the test moves, with tables of its own (the job sweeps the whole table):
/// decided by conditions on the writes, carried out by the ExpireHolds schedule, once.
/// </summary>
public sealed class ExpiryTests(TicketingFixture fx)
{
    [Fact]
    public async Task PastItsDeadline_AHoldCantBeCheckedOut_AndTheJobGivesItsSeatsAndVoucherUseBack_Once()
    {
        var clock = new ShiftedClock();
        await using var app = await AppAsync(clock);
        var (eventId, type) = await EventAsync(app, capacity: 10);
        using var organizer = app.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "ONCE", ["percentOff"] = 50, ["usageLimit"] = 1 });
        using var buyer = app.SellingApi(fx.Attendee);
        using var held = await buyer.HoldAsync(eventId, SellingApi.HoldBody("ONCE", SellingApi.Line(type, 3)));
        var hold = await SellingApi.ReadAsync<HoldResponse>(held, HttpStatusCode.Created);
        var pending = await buyer.CheckoutOkAsync(await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 2)));
        Assert.Equal("pending", pending.Status);

        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        // Due, but not yet swept: the buyer sees it expired and can't check it out; its seats stay taken.
        var read = await buyer.GetHoldAsync(hold.Id);
        Assert.Equal(("expired", 0), (read.Status, read.SecondsLeft));
        using (var late = await buyer.CheckoutAsync(hold))
        {
            Assert.Equal("invalid_state_transition", (await ApiClient.ReadProblemAsync(late, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
        }

        Assert.Equal(5, await AvailableAsync(organizer, eventId));

        Assert.Equal(2, await app.ExpireHoldsAsync());

        Assert.Equal(10, await AvailableAsync(organizer, eventId));
        Assert.Equal(0, await UsesAsync(organizer, eventId));
        Assert.Equal(("expired", 2L), (await buyer.GetHoldAsync(hold.Id) is var h ? (h.Status, h.Version) : default));
        Assert.Equal("expired", (await buyer.GetOrderAsync(pending.Id)).Status);
        Assert.Single(await app.OutboxAsync(pending.Id, "OrderExpired"));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await app.ExpireHoldsAsync());
        Assert.Equal(10, await AvailableAsync(organizer, eventId));
        Assert.Single(await app.OutboxAsync(pending.Id, "OrderExpired"));
        using var release = await buyer.SendAsync(HttpMethod.Delete, $"/holds/{hold.Id}", null, ApiClient.NewKey());
        await ApiClient.ReadProblemAsync(release, HttpStatusCode.Conflict);
        Assert.Equal(10, await AvailableAsync(organizer, eventId));
    }

    [Fact]
    public async Task BeforeItsDeadline_NothingExpires()
    {
        var clock = new ShiftedClock();
        await using var app = await AppAsync(clock);
        var (eventId, type) = await EventAsync(app, capacity: 10);
        using var buyer = app.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 4));
        var pending = await buyer.CheckoutOkAsync(await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 1)));

        clock.Advance(TimeSpan.FromMinutes(14));

        Assert.Equal(0, await app.ExpireHoldsAsync());
        Assert.Equal(5, await AvailableAsync(app.SellingApi(fx.Organizer), eventId));
        Assert.Equal("pending", (await buyer.GetOrderAsync(pending.Id)).Status);
        Assert.Equal("pending", (await buyer.CheckoutOkAsync(hold)).Status);
    }

    [Fact]
    public async Task ACheckoutInFlight_WhenTheJobExpiresTheHold_Fails_AndTheSeatsGoBackOnce()
    {
        var clock = new ShiftedClock();
        var gate = TransactionGate.Create(fx.Servers.CreateDynamoDbClient());
        await using var app = await AppAsync(clock, gate);
        var (eventId, type) = await EventAsync(app, capacity: 10);
        using var buyer = app.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 3));
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(5));

        // The checkout read the hold while it was active and is about to write the order...
        gate.HoldNext(r => TransactionGate.Puts(r, "ORDER#", "status", nameof(OrderStatus.Pending)));
        var checkout = buyer.CheckoutAsync(hold);
        await gate.Entered.WaitAsync(TestContext.Current.CancellationToken);

        // ...when the deadline passes and the job settles the hold.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await app.ExpireHoldsAsync());
        gate.Release();

        using var response = await checkout;
        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("expired", (await buyer.GetHoldAsync(hold.Id)).Status);
        using var order = await buyer.GetAsync($"/orders/{TicketingIds.Derive("order", hold.Id)}");
        await ApiClient.ReadProblemAsync(order, HttpStatusCode.NotFound);
        Assert.Equal(10, await AvailableAsync(app.SellingApi(fx.Organizer), eventId));
    }

    [Fact]
    public async Task TheJobInFlight_WhenACheckoutWins_GivesNothingBack()
    {
        var clock = new ShiftedClock();
        var gate = TransactionGate.Create(fx.Servers.CreateDynamoDbClient());
        await using var app = await AppAsync(clock, gate);
        var (eventId, type) = await EventAsync(app, capacity: 10);
        using var buyer = app.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 3));

        // The job (on a clock a little ahead) read the hold as due and is about to expire it...
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        gate.HoldNext(r => TransactionGate.Puts(r, "HOLD#", "status", nameof(HoldStatus.Expired)));
        var job = app.ExpireHoldsAsync();
        await gate.Entered.WaitAsync(TestContext.Current.CancellationToken);

        // ...when the buyer's checkout, still inside the deadline, lands first.
        clock.Advance(TimeSpan.FromSeconds(-2));
        var order = await buyer.CheckoutOkAsync(hold);
        gate.Release();

        Assert.Equal(0, await job);
        Assert.Equal(("checked_out", order.Id), (await buyer.GetHoldAsync(hold.Id) is var h ? (h.Status, h.OrderId) : default));
        Assert.Equal(7, await AvailableAsync(app.SellingApi(fx.Organizer), eventId));
    }

    [Fact]
    public async Task TheCheckoutWrite_ItselfRefusesAHoldPastItsDeadline_EvenBeforeTheJobRan()
    {
        var clock = new ShiftedClock();
        await using var app = await AppAsync(clock);
        var (eventId, type) = await EventAsync(app, capacity: 10);
        using var buyer = app.SellingApi(fx.Attendee);
        var response = await buyer.HoldOkAsync(eventId, SellingApi.Line(type, 2));
        await using var scope = app.Services.CreateAsyncScope();
        var holds = scope.ServiceProvider.GetRequiredService<HoldStore>();
        var orders = scope.ServiceProvider.GetRequiredService<OrderStore>();
        var hold = (await holds.GetAsync(response.Id, consistent: true, TestContext.Current.CancellationToken))!;
        Assert.Equal(HoldStatus.Active, hold.Status);

        // A checkout that decided before the deadline but writes after it: the write's condition says no.
        var late = hold.ExpiresAt.AddMilliseconds(1);
        var order = Order.FromHold(TicketingIds.Derive("order", hold.Id), hold, new CheckoutRequest
        {
            Attendees = [new AttendeeInput { TicketTypeId = type, Name = "Ada" }, new AttendeeInput { TicketTypeId = type, Name = "Bob" }],
        }, late).Value;
        var checkedOut = hold with { Status = HoldStatus.CheckedOut, OrderId = order.Id, Version = hold.Version + 1 };

        var written = await orders.PlaceAsync(checkedOut, hold.Version, order, [], [], late, TestContext.Current.CancellationToken);

        Assert.Equal(CheckoutWrite.HoldGone, written);
        Assert.Equal((HoldStatus.Active, hold.Version), (await holds.GetAsync(hold.Id, consistent: true, TestContext.Current.CancellationToken) is { } stored ? (stored.Status, stored.Version) : default));
        Assert.Equal(CheckoutWrite.Placed, await orders.PlaceAsync(checkedOut, hold.Version, order, [], [], hold.ExpiresAt.AddMilliseconds(-1), TestContext.Current.CancellationToken));
    }

    private async Task<PlatformApp<Program>> AppAsync(ShiftedClock clock, TransactionGate? gate = null) =>
        new(await fx.IsolatedConfigurationAsync(), clock, gate is null ? null : s => s.AddSingleton(gate.Client));

    private async Task<(string EventId, string TypeId)> EventAsync(PlatformApp<Program> app, int capacity)
    {
        var eventId = await app.SeedEventAsync(fx.Organizer, capacity);
        using var organizer = app.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        return (eventId, type.Id);
    }

    private static async Task<int> AvailableAsync(SellingApi organizer, string eventId) =>
        (await organizer.ListQuotasAsync(eventId)).Single(q => q.IsEventTotal).Available;

    private static async Task<int> UsesAsync(SellingApi organizer, string eventId)
    {
        using var response = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers");
        return (await SellingApi.ReadAsync<VoucherListResponse>(response, HttpStatusCode.OK)).Items.Single().Used;
    }
}
