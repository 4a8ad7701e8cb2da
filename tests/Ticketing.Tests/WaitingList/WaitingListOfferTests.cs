using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.WaitingList;

/// <summary>
/// The waiting line of a sold-out type, against DynamoDB Local: seats a hold lets go are offered to
/// the head of the line (a hold only they can check out), an offer that runs out passes on, and
/// the quantities follow the "first who fits" rule (docs/ticketing.md, "Waiting list").
/// </summary>
public sealed class WaitingListOfferTests(TicketingFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan PastAHold = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan PastAnOffer = TimeSpan.FromMinutes(11);

    private SalesWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SalesWorld.StartAsync(fixture);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task SoldOut_HoldExpires_TheHeadOfTheLineIsOffered_OnlyTheyCanCheckItOut_AndGetTickets()
    {
        var (eventId, typeId) = await FreeEventAsync(capacity: 2);
        var (b, c, _) = await BuyersAsync();
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 2);
        var bEntry = await JoinAsync(b, eventId, typeId, 2);
        var cEntry = await JoinAsync(c, eventId, typeId, 1);

        Assert.Equal(1, await _world.ExpireAfterAsync(PastAHold));

        using var bApi = _world.Api(b);
        var offered = await bApi.MyEntryAsync(bEntry);
        Assert.Equal("offered", offered["status"]!.GetValue<string>());
        var offerId = offered["offerHoldId"]!.GetValue<string>();
        using var cApi = _world.Api(c);
        Assert.Equal("waiting", (await cApi.MyEntryAsync(cEntry))["status"]!.GetValue<string>());
        var offers = await _world.OutboxAsync("WaitingListOffered");
        var message = Assert.Single(offers);
        Assert.Equal(b.Sub, message.Data["ownerId"]!.GetValue<string>());
        Assert.Equal(offerId, message.Data["holdId"]!.GetValue<string>());
        Assert.Equal(2, message.Data["quantity"]!.GetValue<int>());
        Assert.Equal(0, (await bApi.AvailableAsync(eventId))[typeId]);

        // Only the waiting buyer may check the offer out: to anyone else it does not exist.
        using (var stolen = await cApi.CheckoutAsync(offerId, typeId, 2))
        {
            await ApiClient.ReadProblemAsync(stolen, HttpStatusCode.NotFound);
        }

        using var aApi = _world.Api(_world.Attendee);
        using (var stolen = await aApi.CheckoutAsync(offerId, typeId, 2))
        {
            await ApiClient.ReadProblemAsync(stolen, HttpStatusCode.NotFound);
        }

        var order = await SalesApi.ReadAsync(bApi.CheckoutAsync(offerId, typeId, 2), HttpStatusCode.Created);
        Assert.Equal("paid", order["status"]!.GetValue<string>());
        Assert.Equal(2, order["ticketIds"]!.AsArray().Count);
        Assert.Equal("fulfilled", (await bApi.MyEntryAsync(bEntry))["status"]!.GetValue<string>());
        Assert.Equal("waiting", (await cApi.MyEntryAsync(cEntry))["status"]!.GetValue<string>());
        Assert.Equal(0, (await bApi.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task AnOfferThatRunsOut_Lapses_AndItsSeatsGoToTheNextWhoFits_TheRestBackOnSale()
    {
        var (eventId, typeId) = await FreeEventAsync(capacity: 2);
        var (b, c, d) = await BuyersAsync();
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 2);
        var bEntry = await JoinAsync(b, eventId, typeId, 2);
        var cEntry = await JoinAsync(c, eventId, typeId, 1);
        var dEntry = await JoinAsync(d, eventId, typeId, 2);
        await _world.ExpireAfterAsync(PastAHold);
        using var bApi = _world.Api(b);
        var firstOffer = (await bApi.MyEntryAsync(bEntry))["offerHoldId"]!.GetValue<string>();

        Assert.Equal(1, await _world.ExpireAfterAsync(PastAnOffer));

        Assert.Equal("lapsed", (await bApi.MyEntryAsync(bEntry))["status"]!.GetValue<string>());
        using var cApi = _world.Api(c);
        var cOffered = await cApi.MyEntryAsync(cEntry);
        Assert.Equal("offered", cOffered["status"]!.GetValue<string>());
        using var dApi = _world.Api(d);
        Assert.Equal("waiting", (await dApi.MyEntryAsync(dEntry))["status"]!.GetValue<string>());
        Assert.Equal(1, (await cApi.AvailableAsync(eventId))[typeId]);
        var offers = await _world.OutboxAsync("WaitingListOffered");
        Assert.Equal(new[] { b.Sub, c.Sub }.Order(StringComparer.Ordinal), offers.Select(o => o.Data["ownerId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        using (var late = await bApi.CheckoutAsync(firstOffer, typeId, 2))
        {
            await ApiClient.ReadProblemAsync(late, HttpStatusCode.Conflict);
        }

        // A lapsed buyer may join again, at the back of the line.
        Assert.NotEqual(bEntry, await JoinAsync(b, eventId, typeId, 2));
    }

    [Fact]
    public async Task FreedSeatsFewerThanTheHeadWants_GoToTheNextWhoFits_AndTheHeadKeepsItsPlace()
    {
        var (eventId, typeId) = await FreeEventAsync(capacity: 2);
        var (b, c, _) = await BuyersAsync();
        var first = await _world.HoldAsync(_world.Attendee, eventId, typeId, 1);
        var second = await _world.HoldAsync(_world.Attendee, eventId, typeId, 1);
        var bEntry = await JoinAsync(b, eventId, typeId, 2);
        var cEntry = await JoinAsync(c, eventId, typeId, 1);
        using var aApi = _world.Api(_world.Attendee);

        using (var released = await aApi.DeleteAsync($"/holds/{first}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        using var bApi = _world.Api(b);
        using var cApi = _world.Api(c);
        Assert.Equal("waiting", (await bApi.MyEntryAsync(bEntry))["status"]!.GetValue<string>());
        Assert.Equal("offered", (await cApi.MyEntryAsync(cEntry))["status"]!.GetValue<string>());
        Assert.Equal(0, (await aApi.AvailableAsync(eventId))[typeId]);

        using (var released = await aApi.DeleteAsync($"/holds/{second}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        // One seat can't serve the head (2) and no one behind it fits: it goes back on sale.
        Assert.Equal("waiting", (await bApi.MyEntryAsync(bEntry))["status"]!.GetValue<string>());
        Assert.Equal(1, (await aApi.AvailableAsync(eventId))[typeId]);
        Assert.Single(await _world.OutboxAsync("WaitingListOffered"));
    }

    [Fact]
    public async Task LeavingWithAnOffer_GivesItUp_AndItPassesToTheNextInLine()
    {
        var (eventId, typeId) = await FreeEventAsync(capacity: 1);
        var (b, c, _) = await BuyersAsync();
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 1);
        var bEntry = await JoinAsync(b, eventId, typeId, 1);
        var cEntry = await JoinAsync(c, eventId, typeId, 1);
        await _world.ExpireAfterAsync(PastAHold);
        using var bApi = _world.Api(b);
        var offerId = (await bApi.MyEntryAsync(bEntry))["offerHoldId"]!.GetValue<string>();
        using var cApi = _world.Api(c);

        using (var notTheirs = await cApi.DeleteAsync($"/waiting-list/{bEntry}"))
        {
            await ApiClient.ReadProblemAsync(notTheirs, HttpStatusCode.NotFound);
        }

        using (var left = await bApi.DeleteAsync($"/waiting-list/{bEntry}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        Assert.Equal("left", (await bApi.MyEntryAsync(bEntry))["status"]!.GetValue<string>());
        Assert.Equal("released", (await SalesApi.ReadAsync(bApi.GetAsync($"/holds/{offerId}"), HttpStatusCode.OK))["status"]!.GetValue<string>());
        Assert.Equal("offered", (await cApi.MyEntryAsync(cEntry))["status"]!.GetValue<string>());
        Assert.Equal(0, (await cApi.AvailableAsync(eventId))[typeId]);
        using (var again = await bApi.DeleteAsync($"/waiting-list/{bEntry}"))
        {
            await ApiClient.ReadProblemAsync(again, HttpStatusCode.Conflict);
        }
    }

    private async Task<(string EventId, string TypeId)> FreeEventAsync(int capacity)
    {
        var eventId = await _world.PublishedEventAsync(capacity);
        var typeId = await _world.TicketTypeAsync(eventId, priceMinor: 0, maxPerOrder: 2);
        await _world.SettingsAsync(eventId, new JsonObject { ["holdMinutes"] = 5, ["offerMinutes"] = 10 });
        return (eventId, typeId);
    }

    private async Task<(TestUser B, TestUser C, TestUser D)> BuyersAsync()
    {
        var buyers = await _world.BuyersAsync();
        return (buyers[0], buyers[1], buyers[2]);
    }

    private async Task<string> JoinAsync(TestUser user, string eventId, string typeId, int quantity)
    {
        // People join one after another (the fake clock stands still otherwise).
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        using var api = _world.Api(user);
        var entry = await SalesApi.ReadAsync(api.JoinAsync(eventId, typeId, quantity), HttpStatusCode.Created);
        Assert.Equal("waiting", entry["status"]!.GetValue<string>());
        return SalesApi.Id(entry);
    }
}
