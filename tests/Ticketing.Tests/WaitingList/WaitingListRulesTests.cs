using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.WaitingList;

/// <summary>Who may join which line, for how many, how often; who sees a line.</summary>
public sealed class WaitingListRulesTests(TicketingFixture fixture) : IAsyncLifetime
{
    private SalesWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SalesWorld.StartAsync(fixture);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Joining_WhileEnoughSeatsAreLeft_Is409SayingSo_AndWritesNothing()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 5);
        var typeId = await _world.TicketTypeAsync(eventId, maxPerOrder: 4);
        using var api = _world.Api(_world.Attendee);

        using var response = await api.JoinAsync(eventId, typeId, 2);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("5 seats", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await api.MyEntriesAsync());
    }

    [Fact]
    public async Task Joining_WhenFewerSeatsAreLeftThanWanted_IsAllowed_OncePerBuyerAndType()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 3);
        var typeId = await _world.TicketTypeAsync(eventId, maxPerOrder: 4);
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 2);
        var buyer = (await _world.BuyersAsync())[0];
        using var api = _world.Api(buyer);

        var entry = await SalesApi.ReadAsync(api.JoinAsync(eventId, typeId, 3), HttpStatusCode.Created);
        using var again = await api.JoinAsync(eventId, typeId, 2);

        Assert.Equal(3, entry["quantity"]!.GetValue<int>());
        var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already on the waiting list", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await api.MyEntriesAsync());

        // Once they leave, they may join again (at the back).
        using (var left = await api.DeleteAsync($"/waiting-list/{SalesApi.Id(entry)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        // The world's clock stands still: move it, or both entries share one instant and their order is the ids' chance.
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await SalesApi.ReadAsync(api.JoinAsync(eventId, typeId, 3), HttpStatusCode.Created);
        Assert.Equal(["waiting", "left"], (await api.MyEntriesAsync()).Select(e => e["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Joining_WithABadQuantityOrType_Is400NamingTheField()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 1);
        var typeId = await _world.TicketTypeAsync(eventId, maxPerOrder: 2);
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 1);
        using var api = _world.Api(_world.Attendee);

        await ApiClient.AssertValidationErrorAsync(await api.JoinAsync(eventId, typeId, 3), "quantity");
        await ApiClient.AssertValidationErrorAsync(await api.JoinAsync(eventId, typeId, 0), "quantity");
        await ApiClient.AssertValidationErrorAsync(await api.PostAsync($"/events/{eventId}/waiting-list", new JsonObject { ["ticketTypeId"] = typeId }), "quantity");
        await ApiClient.AssertValidationErrorAsync(await api.JoinAsync(eventId, new string('a', 32), 1), "ticketTypeId");
        await ApiClient.AssertValidationErrorAsync(await api.PostAsync($"/events/{eventId}/waiting-list", new JsonObject { ["quantity"] = 1 }), "ticketTypeId");
        Assert.Empty(await api.MyEntriesAsync());
    }

    [Fact]
    public async Task Joining_ADraftIs404_ACancelledEventIs409()
    {
        var draft = await _world.PublishedEventAsync(capacity: 1, status: BitcoinEvents.Domain.Events.EventStatus.Draft);
        var cancelled = await _world.PublishedEventAsync(capacity: 1);
        var typeId = await _world.TicketTypeAsync(cancelled);
        await _world.CancelEventInCatalogAsync(cancelled, "Venue flooded");
        using var api = _world.Api(_world.Attendee);

        await ApiClient.ReadProblemAsync(await api.JoinAsync(draft, typeId, 1), HttpStatusCode.NotFound);
        await ApiClient.ReadProblemAsync(await api.JoinAsync(cancelled, typeId, 1), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheOrganizer_SeesTheLineInJoinOrder_WithWhoWaits_AndNobodyElseDoes()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 1);
        var typeId = await _world.TicketTypeAsync(eventId);
        await _world.HoldAsync(_world.Attendee, eventId, typeId, 1);
        var buyers = await _world.BuyersAsync();
        foreach (var buyer in buyers)
        {
            _world.Clock.Advance(TimeSpan.FromSeconds(1));
            using var api = _world.Api(buyer);
            await SalesApi.ReadAsync(api.JoinAsync(eventId, typeId, 1), HttpStatusCode.Created);
        }

        using var organizer = _world.Api(_world.Organizer);
        var first = await SalesApi.ReadAsync(organizer.GetAsync($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}&limit=2"), HttpStatusCode.OK);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await SalesApi.ReadAsync(organizer.GetAsync($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}&limit=2&cursor={Uri.EscapeDataString(cursor)}"), HttpStatusCode.OK);

        var owners = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => e!["ownerId"]!.GetValue<string>());
        Assert.Equal(buyers.Select(b => b.Sub), owners);
        Assert.Null(second["nextCursor"]);
        using var other = _world.Api(_world.OtherOrganizer);
        await ApiClient.ReadProblemAsync(await other.GetAsync($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}"), HttpStatusCode.NotFound);
        using var attendee = _world.Api(_world.Attendee);
        await ApiClient.ReadProblemAsync(await attendee.GetAsync($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}"), HttpStatusCode.NotFound);
        await ApiClient.AssertValidationErrorAsync(await organizer.GetAsync($"/organizer/events/{eventId}/waiting-list"), "ticketTypeId");
        await ApiClient.AssertValidationErrorAsync(await organizer.GetAsync($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}&cursor=AAAA"), "cursor");
    }
}
