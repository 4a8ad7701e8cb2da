using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>A buyer reserves seats: one transaction takes them, or a 409 says what is left.</summary>
public sealed class HoldsTests(TicketingFixture fx)
{
    [Fact]
    public async Task AHold_TakesTheSeats_AtPricesComputedByTheServer_ForTheEventsHoldTime()
    {
        var (eventId, standard, _) = await EventAsync(capacity: 10);
        using var buyer = fx.App.SellingApi(fx.Attendee);

        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 3));

        Assert.Equal(("active", "purchase"), (hold.Status, hold.Kind));
        var line = Assert.Single(hold.Lines);
        Assert.Equal((standard, "Standard", 3, new MoneyDto(2_500, "EUR")), (line.TicketTypeId, line.Name, line.Quantity, line.UnitPrice));
        Assert.Equal((new MoneyDto(7_500, "EUR"), new MoneyDto(0, "EUR"), new MoneyDto(7_500, "EUR")), (hold.Subtotal, hold.Discount, hold.Total));
        Assert.InRange(hold.SecondsLeft, 14 * 60, 15 * 60);
        Assert.Equal(hold, await buyer.GetHoldAsync(hold.Id) with { SecondsLeft = hold.SecondsLeft, Lines = hold.Lines });
        using var anonymous = fx.App.SellingApi(null);
        Assert.Equal(7, (await anonymous.ListTypesAsync(eventId)).Single(t => t.Id == standard).Available);
    }

    [Fact]
    public async Task NotEnoughSeats_Is409_SayingHowManyOfEachTypeAreLeft_AndTakesNothing()
    {
        var (eventId, standard, _) = await EventAsync(capacity: 5);
        using var buyer = fx.App.SellingApi(fx.Attendee);
        await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 3));

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(standard, 4)));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("not_enough_seats", problem["code"]!.GetValue<string>());
        var left = Assert.Single(problem["seatsLeft"]!.AsArray())!;
        Assert.Equal((standard, "Standard", 2), (left["ticketTypeId"]!.GetValue<string>(), left["name"]!.GetValue<string>(), left["available"]!.GetValue<int>()));
        Assert.False(problem["waitingListOpen"]!.GetValue<bool>());
        Assert.Contains("only 2 of Standard left", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, (await fx.App.SellingApi(null).ListTypesAsync(eventId)).Single().Available);
    }

    [Fact]
    public async Task SoldOut_Is409_ThatSaysSo_AndOffersTheWaitingList()
    {
        var (eventId, standard, _) = await EventAsync(capacity: 4);
        using var buyer = fx.App.SellingApi(fx.Attendee);
        await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 4));

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(standard, 1)));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("not_enough_seats", problem["code"]!.GetValue<string>());
        Assert.Equal(0, problem["seatsLeft"]![0]!["available"]!.GetValue<int>());
        Assert.True(problem["waitingListOpen"]!.GetValue<bool>());
        Assert.Contains("Standard is sold out: join the waiting list", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var listed = (await fx.App.SellingApi(null).ListTypesAsync(eventId)).Single();
        Assert.True(listed.SoldOut);
    }

    [Fact]
    public async Task AHoldOfSeveralTypes_IsRefusedWhole_WhenOneTypesQuotaIsShort()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var workshop = await organizer.CreateQuotaAsync(eventId, "Workshop", 2);
        var seat = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Workshop seat", 1_000, workshop.Id));
        var general = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("General", 2_500));
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(general.Id, 4), SellingApi.Line(seat.Id, 3)));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        var left = problem["seatsLeft"]!.AsArray().ToDictionary(l => l!["ticketTypeId"]!.GetValue<string>(), l => l!["available"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { [general.Id] = 100, [seat.Id] = 2 }, left);
        Assert.Equal(100, (await organizer.ListQuotasAsync(eventId)).Single(q => q.IsEventTotal).Available);
    }

    [Fact]
    public async Task ADryBucket_DoesNotMakeTheQuotaLookSoldOut_AHoldTakesFromSeveralBuckets()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var hall = await organizer.CreateQuotaAsync(eventId, "Hall", 6, buckets: 4);
        var typeBody = SellingApi.TicketType("Hall seat", 0, hall.Id);
        typeBody["maxPerOrder"] = 6;
        var type = await organizer.CreateTypeAsync(eventId, typeBody);
        Assert.Equal(new[] { 2, 2, 1, 1 }, await fx.App.BucketsAsync(hall.Id, 4));
        using var buyer = fx.App.SellingApi(fx.Attendee);

        var five = await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 5));
        Assert.Equal(1, (await fx.App.BucketsAsync(hall.Id, 4)).Sum());
        using (var two = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 2))))
        {
            var problem = await ApiClient.ReadProblemAsync(two, HttpStatusCode.Conflict);
            Assert.Equal(1, problem["seatsLeft"]![0]!["available"]!.GetValue<int>());
        }

        var one = await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 1));
        Assert.All(await fx.App.BucketsAsync(hall.Id, 4), b => Assert.Equal(0, b));

        // Letting the five go puts them back where they were taken from.
        using (var release = await buyer.SendAsync(HttpMethod.Delete, $"/holds/{five.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        }

        Assert.Equal(5, (await fx.App.BucketsAsync(hall.Id, 4)).Sum());
        Assert.Equal("active", (await buyer.GetHoldAsync(one.Id)).Status);
    }

    [Theory]
    [InlineData("""{"lines":[]}""", "lines")]
    [InlineData("""{}""", "lines")]
    [InlineData("""{"lines":[{"ticketTypeId":"00000000000000000000000000000000","quantity":1}]}""", "lines[0].ticketTypeId")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}"}]}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}","quantity":0}]}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}","quantity":5}]}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}","quantity":"2"}]}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}","quantity":1},{"ticketTypeId":"{standard}","quantity":1}]}""", "lines[1].ticketTypeId")]
    [InlineData("""{"lines":[{"ticketTypeId":"{hidden}","quantity":1}]}""", "lines[0].ticketTypeId")]
    [InlineData("""{"lines":[{"ticketTypeId":"{standard}","quantity":1}],"voucherCode":"NOPE"}""", "voucherCode")]
    public async Task ABadRequest_Is400NamingTheField_AndTakesNothing(string body, string field)
    {
        var (eventId, standard, hidden) = await EventAsync(capacity: 10);
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var response = await buyer.SendRawAsync(
            HttpMethod.Post, $"/events/{eventId}/holds", body.Replace("{standard}", standard, StringComparison.Ordinal).Replace("{hidden}", hidden, StringComparison.Ordinal), ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        Assert.Equal(10, (await fx.App.SellingApi(fx.Organizer).ListQuotasAsync(eventId)).Single().Available);
    }

    [Fact]
    public async Task AHold_OfMoreThanTwentyTickets_OrOfATypeOutsideItsSalesWindow_IsRefused()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var bodies = Enumerable.Range(0, 6).Select(i => { var t = SellingApi.TicketType($"Type {i}", 0); t["maxPerOrder"] = 10; return t; }).ToList();
        bodies[5]["salesEndAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        bodies[5]["salesStartAt"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("O");
        var types = new List<TicketTypeResponse>();
        foreach (var body in bodies)
        {
            types.Add(await organizer.CreateTypeAsync(eventId, body));
        }

        using var buyer = fx.App.SellingApi(fx.Attendee);
        using (var many = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, [.. types.Take(3).Select(t => SellingApi.Line(t.Id, 7))])))
        {
            await ApiClient.AssertValidationErrorAsync(many, "lines");
        }

        using (var closed = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(types[5].Id, 1))))
        {
            await ApiClient.AssertValidationErrorAsync(closed, "lines[0].ticketTypeId");
        }

        Assert.Equal(100, (await organizer.ListQuotasAsync(eventId)).Single().Available);
    }

    [Theory]
    [InlineData(EventStatus.Cancelled)]
    [InlineData(EventStatus.Completed)]
    public async Task AnEventThatNoLongerSells_RefusesHolds_With409(EventStatus status)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 10);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 0));
        await MarkAsync(eventId, status);
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1)));

        Assert.Equal("invalid_state_transition", (await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEventThatHasEnded_RefusesHolds_With409()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 10, startsAt: DateTimeOffset.UtcNow.AddDays(-1));
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 0));
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1)));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("invalid_state_transition", problem["code"]!.GetValue<string>());
        Assert.Equal(10, (await organizer.ListQuotasAsync(eventId)).Single().Available);
    }

    [Fact]
    public async Task SomeoneElsesHold_IsNotFound_ToRead_Release_OrCheckOut()
    {
        var (eventId, standard, _) = await EventAsync(capacity: 10);
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 2));

        foreach (var user in new[] { fx.OtherOrganizer, fx.Organizer })
        {
            using var other = fx.App.SellingApi(user);
            using var read = await other.GetAsync($"/holds/{hold.Id}");
            await ApiClient.ReadProblemAsync(read, HttpStatusCode.NotFound);
            using var release = await other.SendAsync(HttpMethod.Delete, $"/holds/{hold.Id}", null, ApiClient.NewKey());
            await ApiClient.ReadProblemAsync(release, HttpStatusCode.NotFound);
            using var checkout = await other.CheckoutAsync(hold);
            await ApiClient.ReadProblemAsync(checkout, HttpStatusCode.NotFound);
        }

        Assert.Equal("active", (await buyer.GetHoldAsync(hold.Id)).Status);
        using var admin = fx.App.SellingApi(fx.Admin);
        Assert.Equal(hold.Id, (await admin.GetHoldAsync(hold.Id)).Id);
    }

    [Fact]
    public async Task Release_GivesTheSeatsBackOnce()
    {
        var (eventId, standard, _) = await EventAsync(capacity: 10);
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(standard, 4));

        using (var first = await buyer.SendAsync(HttpMethod.Delete, $"/holds/{hold.Id}", null, ApiClient.NewKey()))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        using var second = await buyer.SendAsync(HttpMethod.Delete, $"/holds/{hold.Id}", null, ApiClient.NewKey());
        await ApiClient.ReadProblemAsync(second, HttpStatusCode.Conflict);
        using var checkout = await buyer.CheckoutAsync(hold);
        await ApiClient.ReadProblemAsync(checkout, HttpStatusCode.Conflict);
        Assert.Equal(10, (await fx.App.SellingApi(fx.Organizer).ListQuotasAsync(eventId)).Single().Available);
        Assert.Equal("released", (await buyer.GetHoldAsync(hold.Id)).Status);
    }

    /// <summary>A published event with a Standard type (25 EUR, 1–4 per order) and a hidden free one.</summary>
    private async Task<(string EventId, string Standard, string Hidden)> EventAsync(int capacity)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, capacity);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var standard = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        var hidden = SellingApi.TicketType("Speakers", 0);
        hidden["hidden"] = true;
        return (eventId, standard.Id, (await organizer.CreateTypeAsync(eventId, hidden)).Id);
    }

    /// <summary>Moves the event in the catalog to <paramref name="status"/> (what the Events area does on cancel or completion).</summary>
    private async Task MarkAsync(string eventId, EventStatus status)
    {
        var table = fx.App.Setting(BitcoinEvents.Infrastructure.Catalog.EventCatalog.TableSetting);
        await fx.App.Dynamo().UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
        {
            TableName = table,
            Key = BitcoinEvents.Infrastructure.Catalog.EventItems.Key(eventId),
            UpdateExpression = "SET #status = :status",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { [":status"] = new() { S = status.ToName() } },
        }, TestContext.Current.CancellationToken);
    }
}
