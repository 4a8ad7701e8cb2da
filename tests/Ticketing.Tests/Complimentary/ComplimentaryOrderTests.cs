using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Complimentary;

/// <summary>Orders paid at once: the organizer's complimentary orders, and free tickets at checkout.</summary>
public sealed class ComplimentaryOrderTests(TicketingFixture fixture) : IAsyncLifetime
{
    private SalesWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SalesWorld.StartAsync(fixture);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task TheOrganizer_IssuesAComplimentaryOrderToAnAttendee_PaidAtOnce_TicketsIssued_SeatsTaken()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 5);
        var vip = await _world.TicketTypeAsync(eventId, priceMinor: 25_000, name: "VIP");
        using var organizer = _world.Api(_world.Organizer);

        var order = await SalesApi.ReadAsync(organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject
        {
            ["buyerId"] = _world.Attendee.Sub,
            ["attendees"] = new JsonArray(
                new JsonObject { ["ticketTypeId"] = vip, ["name"] = "Ada Lovelace" },
                new JsonObject { ["ticketTypeId"] = vip, ["name"] = "Hal Finney" }),
        }), HttpStatusCode.Created);

        Assert.Equal("paid", order["status"]!.GetValue<string>());
        Assert.True(order["complimentary"]!.GetValue<bool>());
        Assert.Equal(0, order["total"]!["amount"]!.GetValue<long>());
        Assert.Equal(_world.Attendee.Sub, order["buyerId"]!.GetValue<string>());
        var ticketIds = order["ticketIds"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        var tickets = await _world.App.Services.GetRequiredService<OrderStore>().GetTicketsAsync(ticketIds, TestContext.Current.CancellationToken);
        Assert.Equal(["Ada Lovelace", "Hal Finney"], tickets.Select(t => t.HolderName).Order(StringComparer.Ordinal));
        Assert.All(tickets, t => Assert.Equal((TicketStatus.Valid, _world.Attendee.Sub), (t.Status, t.OwnerId)));
        var paid = Assert.Single(await _world.OutboxAsync("OrderPaid"));
        Assert.Equal(2, paid.Data["tickets"]!.AsArray().Count);
        using var attendee = _world.Api(_world.Attendee);
        Assert.Equal("paid", (await attendee.OrderAsync(SalesApi.Id(order)))["status"]!.GetValue<string>());
        Assert.Equal(3, (await attendee.AvailableAsync(eventId))[vip]);
    }

    [Fact]
    public async Task AComplimentaryOrder_ForMoreSeatsThanAreLeft_Is409_AndTakesNothing()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 1);
        var typeId = await _world.TicketTypeAsync(eventId);
        using var organizer = _world.Api(_world.Organizer);

        using var response = await organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject
        {
            ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["name"] = "A" }, new JsonObject { ["ticketTypeId"] = typeId, ["name"] = "B" }),
        });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("not_enough_seats", problem["code"]!.GetValue<string>());
        Assert.Equal(1, (await organizer.AvailableAsync(eventId))[typeId]);
        Assert.Empty(await _world.OutboxAsync("OrderPaid"));
    }

    [Fact]
    public async Task OnlyTheEventsOrganizer_MayIssueThem_AndBadLinesAre400NamingTheField()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 3);
        var typeId = await _world.TicketTypeAsync(eventId);
        var body = new JsonObject { ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["name"] = "A" }) };
        using var other = _world.Api(_world.OtherOrganizer);
        using var attendee = _world.Api(_world.Attendee);
        using var organizer = _world.Api(_world.Organizer);

        await ApiClient.ReadProblemAsync(await other.PostAsync($"/events/{eventId}/complimentary-orders", body.DeepClone()), HttpStatusCode.NotFound);
        await ApiClient.ReadProblemAsync(await attendee.PostAsync($"/events/{eventId}/complimentary-orders", body.DeepClone()), HttpStatusCode.NotFound);
        await ApiClient.AssertValidationErrorAsync(await organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject()), "attendees");
        await ApiClient.AssertValidationErrorAsync(
            await organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject { ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId }) }),
            "attendees[0].name");
        await ApiClient.AssertValidationErrorAsync(
            await organizer.PostAsync($"/events/{eventId}/complimentary-orders", new JsonObject { ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = new string('b', 32), ["name"] = "A" }) }),
            "attendees[0].ticketTypeId");
        var withBadBuyer = body.DeepClone().AsObject();
        withBadBuyer["buyerId"] = "not a user";
        await ApiClient.AssertValidationErrorAsync(await organizer.PostAsync($"/events/{eventId}/complimentary-orders", withBadBuyer), "buyerId");
        Assert.Equal(3, (await organizer.AvailableAsync(eventId))[typeId]);
    }

    [Fact]
    public async Task AFreeOrder_IsPaidAtCheckout_WithItsTickets()
    {
        var eventId = await _world.PublishedEventAsync(capacity: 3);
        var typeId = await _world.TicketTypeAsync(eventId, priceMinor: 0);

        var order = await _world.OrderAsync(_world.Attendee, eventId, typeId, 2);

        Assert.Equal("paid", order["status"]!.GetValue<string>());
        Assert.False(order["complimentary"]!.GetValue<bool>());
        Assert.Equal(2, order["ticketIds"]!.AsArray().Count);
        Assert.Single(await _world.OutboxAsync("OrderPaid"));
    }
}
