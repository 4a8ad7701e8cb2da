using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>Quotas: capacities ticket types draw from, their seats spread over buckets the buyer never sees.</summary>
public sealed class QuotasTests(TicketingFixture fx)
{
    [Fact]
    public async Task Create_SpreadsTheSeatsOverBuckets_ByDefaultFromTheCapacity_OrAsAskedFor()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100_000);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        var arena = await organizer.CreateQuotaAsync(eventId, "Arena", 12_000);
        var workshop = await organizer.CreateQuotaAsync(eventId, "Workshop", 30, buckets: 8);

        Assert.Equal((3, 12_000), (arena.Buckets, arena.Available));
        Assert.Equal((8, 30), (workshop.Buckets, workshop.Available));
        Assert.Equal(new[] { 4_000, 4_000, 4_000 }, await fx.App.BucketsAsync(arena.Id, 3));
        Assert.Equal(new[] { 4, 4, 4, 4, 4, 4, 3, 3 }, await fx.App.BucketsAsync(workshop.Id, 8));
        var quotas = await organizer.ListQuotasAsync(eventId);
        Assert.Equal(["Event capacity", "Arena", "Workshop"], quotas.Select(q => q.Name));
        Assert.Equal(100_000, quotas[0].Capacity);
        Assert.True(quotas[0].IsEventTotal);
    }

    [Theory]
    [InlineData("""{"name":"Hall"}""", "capacity")]
    [InlineData("""{"name":"Hall","capacity":0}""", "capacity")]
    [InlineData("""{"name":"Hall","capacity":1000001}""", "capacity")]
    [InlineData("""{"capacity":10}""", "name")]
    [InlineData("""{"name":"Hall","capacity":10,"buckets":0}""", "buckets")]
    [InlineData("""{"name":"Hall","capacity":1000,"buckets":33}""", "buckets")]
    [InlineData("""{"name":"Hall","capacity":3,"buckets":4}""", "buckets")]
    [InlineData("""{"name":"Hall","capacity":10.5}""", "capacity")]
    public async Task Create_WithABadField_NamesIt_AndWritesNothing(string body, string field)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.SendRawAsync(HttpMethod.Post, $"/events/{eventId}/quotas", body, ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        Assert.DoesNotContain(await organizer.ListQuotasAsync(eventId), q => !q.IsEventTotal);
    }

    [Fact]
    public async Task Resize_GrowsEveryBucket_CutsOnlyFreeSeats_AndNeverChangesTheBucketCount()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 1_000);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var hall = await organizer.CreateQuotaAsync(eventId, "Hall", 100, buckets: 4);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Hall seat", 0, hall.Id));
        var path = $"/events/{eventId}/quotas/{hall.Id}";

        using (var grown = await organizer.PatchAsync(path, new JsonObject { ["capacity"] = 150 }))
        {
            var q = await SellingApi.ReadAsync<QuotaResponse>(grown, HttpStatusCode.OK);
            Assert.Equal((150, 150, 4, 2L), (q.Capacity, q.Available, q.Buckets, q.Version));
        }

        Assert.Equal(new[] { 38, 38, 37, 37 }, await fx.App.BucketsAsync(hall.Id, 4));

        // 4 seats held: at most 146 can be cut.
        using var buyer = fx.App.SellingApi(fx.Attendee);
        await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 4));
        using (var tooDeep = await organizer.PatchAsync(path, new JsonObject { ["capacity"] = 3 }))
        {
            var problem = await ApiClient.ReadProblemAsync(tooDeep, HttpStatusCode.Conflict);
            Assert.Contains("146", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var cut = await organizer.PatchAsync(path, new JsonObject { ["capacity"] = 4 }))
        {
            var q = await SellingApi.ReadAsync<QuotaResponse>(cut, HttpStatusCode.OK);
            Assert.Equal((4, 0), (q.Capacity, q.Available));
        }

        Assert.All(await fx.App.BucketsAsync(hall.Id, 4), b => Assert.Equal(0, b));
        using (var rebucket = await organizer.PatchAsync(path, new JsonObject { ["buckets"] = 8 }))
        {
            await ApiClient.AssertValidationErrorAsync(rebucket, "buckets");
        }

        using var soldOut = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1)));
        var refused = await ApiClient.ReadProblemAsync(soldOut, HttpStatusCode.Conflict);
        Assert.Equal("not_enough_seats", refused["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATypeDrawingFromAQuota_TakesFromItAndFromTheEventsTotal()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 500);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var workshop = await organizer.CreateQuotaAsync(eventId, "Workshop", 20);
        var seat = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Workshop seat", 0, workshop.Id));
        var general = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("General", 0));

        using var buyer = fx.App.SellingApi(fx.Attendee);
        await buyer.HoldOkAsync(eventId, SellingApi.Line(seat.Id, 3), SellingApi.Line(general.Id, 2));

        var quotas = await organizer.ListQuotasAsync(eventId);
        Assert.Equal(495, quotas.Single(q => q.IsEventTotal).Available);
        Assert.Equal(17, quotas.Single(q => q.Id == workshop.Id).Available);
        var types = await organizer.ListTypesAsync(eventId, organizer: true);
        Assert.Equal(17, types.Single(t => t.Id == seat.Id).Available);
        Assert.Equal(495, types.Single(t => t.Id == general.Id).Available);
    }

    [Fact]
    public async Task Update_OfAQuotaThatDoesNotExist_Is404()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.PatchAsync($"/events/{eventId}/quotas/{"ab".PadRight(32, '0')}", new JsonObject { ["capacity"] = 5 });

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }
}
