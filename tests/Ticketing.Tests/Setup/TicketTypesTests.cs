using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>An organizer sets up what an event sells: ticket types, and the capacity they draw from.</summary>
public sealed class TicketTypesTests(TicketingFixture fx)
{
    [Fact]
    public async Task Create_ReturnsTheType_AndSetsUpTheEventsCapacityAsItsTotalQuota()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 12_000);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));

        Assert.Equal("Standard", type.Name);
        Assert.Equal(new BitcoinEvents.Domain.Messages.MoneyDto(2_500, "EUR"), type.Price);
        Assert.Equal(12_000, type.Available);
        Assert.True(type.OnSale);
        Assert.False(type.SoldOut);
        Assert.Equal(1, type.Version);
        var total = Assert.Single(await organizer.ListQuotasAsync(eventId));
        Assert.True(total.IsEventTotal);
        Assert.Equal(12_000, total.Capacity);
        Assert.Equal(12_000, total.Available);
        Assert.Equal(QuotaBuckets.For(12_000), total.Buckets);
        Assert.Equal(3, total.Buckets);
        Assert.Equal(12_000, (await fx.App.BucketsAsync(total.Id, total.Buckets)).Sum());

        using var anonymous = fx.App.SellingApi(null);
        Assert.Equal([type.Id], (await anonymous.ListTypesAsync(eventId)).Select(t => t.Id));
    }

    [Fact]
    public async Task Create_WithInvalidFields_Answers400NamingEachField_AndWritesNothing()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.PostAsync($"/events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = " ",
            ["price"] = new JsonObject { ["amount"] = -1, ["currency"] = "EUR" },
            ["satsPrice"] = 0,
            ["salesStartAt"] = "2030-02-01T00:00:00Z",
            ["salesEndAt"] = "2030-01-01T00:00:00Z",
            ["minPerOrder"] = 5,
            ["maxPerOrder"] = 2,
            ["sessionIds"] = new JsonArray("0123456789abcdef0123456789abcdef"),
            ["quotaIds"] = new JsonArray("fedcba9876543210fedcba9876543210"),
        });

        var fields = await ApiClient.AssertValidationErrorAsync(response, "name");
        Assert.Equal(new[] { "maxPerOrder", "name", "price.amount", "quotaIds[0]", "salesEndAt", "satsPrice", "sessionIds[0]" }, fields.Order(StringComparer.Ordinal));
        Assert.Empty(await organizer.ListTypesAsync(eventId, organizer: true));
    }

    [Theory]
    [InlineData("""{"name":"A"}""", "price")]
    [InlineData("""{"name":"A","price":{"amount":100}}""", "price.currency")]
    [InlineData("""{"name":"A","price":{"amount":100,"currency":"eur"}}""", "price.currency")]
    [InlineData("""{"name":"A","price":{"amount":100,"currency":"BTC"}}""", "price.currency")]
    [InlineData("""{"name":"A","price":{"amount":"100","currency":"EUR"}}""", "price.amount")]
    [InlineData("""{"name":"A","price":{"amount":100,"currency":"EUR"},"maxPerOrder":51}""", "maxPerOrder")]
    [InlineData("""{"name":"A","price":{"amount":100,"currency":"EUR"},"minPerOrder":0}""", "minPerOrder")]
    public async Task Create_WithABadField_NamesIt(string body, string field)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.SendRawAsync(HttpMethod.Post, $"/events/{eventId}/ticket-types", body, ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
    }

    [Fact]
    public async Task Create_InAnotherCurrencyThanTheEventsOtherTypes_IsRefused()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        var dollars = SellingApi.TicketType("VIP", 9_900);
        dollars["price"]!["currency"] = "USD";

        using var response = await organizer.PostAsync($"/events/{eventId}/ticket-types", dollars);

        await ApiClient.AssertValidationErrorAsync(response, "price.currency");
    }

    [Fact]
    public async Task Update_ChangesWhatIsSent_ArchivingHidesItFromBuyers_AndTheCurrencyStays()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        var path = $"/events/{eventId}/ticket-types/{type.Id}";

        using (var renamed = await organizer.PatchAsync(path, new JsonObject { ["name"] = "Regular", ["price"] = new JsonObject { ["amount"] = 3_000 } }))
        {
            var updated = await SellingApi.ReadAsync<TicketTypeResponse>(renamed, HttpStatusCode.OK);
            Assert.Equal("Regular", updated.Name);
            Assert.Equal(3_000, updated.Price.Amount);
            Assert.Equal("EUR", updated.Price.Currency);
            Assert.Equal("Standard admission.", updated.Description);
            Assert.Equal(2, updated.Version);
        }

        using (var currency = await organizer.PatchAsync(path, new JsonObject { ["price"] = new JsonObject { ["currency"] = "USD" } }))
        {
            await ApiClient.AssertValidationErrorAsync(currency, "price.currency");
        }

        using (var archived = await organizer.PatchAsync(path, new JsonObject { ["archived"] = true }))
        {
            Assert.True((await SellingApi.ReadAsync<TicketTypeResponse>(archived, HttpStatusCode.OK)).Archived);
        }

        using var anonymous = fx.App.SellingApi(null);
        Assert.Empty(await anonymous.ListTypesAsync(eventId));
        var listed = Assert.Single(await organizer.ListTypesAsync(eventId, organizer: true));
        Assert.Equal(("Regular", 3_000L, true, 3L), (listed.Name, listed.Price.Amount, listed.Archived, listed.Version));

        using var buyer = fx.App.SellingApi(fx.Attendee);
        using var hold = await buyer.HoldAsync(eventId, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1)));
        await ApiClient.AssertValidationErrorAsync(hold, "lines[0].ticketTypeId");
    }

    [Fact]
    public async Task Update_OfATypeThatDoesNotExist_Is404()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));

        using var response = await organizer.PatchAsync($"/events/{eventId}/ticket-types/{TicketingIds.New(TimeProvider.System)}", new JsonObject { ["name"] = "X" });

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HiddenTypes_AndTypesNotYetOnSale_AreListedAsSuch()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var hidden = SellingApi.TicketType("Speakers", 0);
        hidden["hidden"] = true;
        await organizer.CreateTypeAsync(eventId, hidden);
        var later = SellingApi.TicketType("Late bird", 4_000);
        later["salesStartAt"] = DateTimeOffset.UtcNow.AddDays(7).ToString("O");
        var lateBird = await organizer.CreateTypeAsync(eventId, later);

        using var anonymous = fx.App.SellingApi(null);
        var listed = Assert.Single(await anonymous.ListTypesAsync(eventId));
        Assert.Equal(lateBird.Id, listed.Id);
        Assert.False(listed.OnSale);
        Assert.Equal(2, (await organizer.ListTypesAsync(eventId, organizer: true)).Count);
    }
}
