using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>Vouchers as the organizer sets them up (what they do to a hold: Selling/VoucherHoldsTests).</summary>
public sealed class VouchersTests(TicketingFixture fx)
{
    [Fact]
    public async Task Create_AndList_WithTheirUses_CodesCaseInsensitive()
    {
        var (eventId, typeId) = await EventWithTypeAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);

        var percent = await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "early-bird", ["percentOff"] = 20, ["usageLimit"] = 100, ["ticketTypeIds"] = new JsonArray(typeId) });
        var amount = await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "FRIENDS", ["amountOff"] = new JsonObject { ["amount"] = 500, ["currency"] = "EUR" } });

        Assert.Equal(("EARLY-BIRD", 20, 100, 0), (percent.Code, percent.PercentOff, percent.UsageLimit, percent.Used));
        Assert.Equal(new BitcoinEvents.Domain.Messages.MoneyDto(500, "EUR"), amount.AmountOff);
        Assert.Null(amount.UsageLimit);
        using var list = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers");
        Assert.Equal(["EARLY-BIRD", "FRIENDS"], (await SellingApi.ReadAsync<VoucherListResponse>(list, HttpStatusCode.OK)).Items.Select(v => v.Code));

        using var again = await organizer.PostAsync($"/events/{eventId}/vouchers", new JsonObject { ["code"] = "Early-Bird", ["percentOff"] = 5 });
        Assert.Equal("conflict", (await ApiClient.ReadProblemAsync(again, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"percentOff":10}""", "code")]
    [InlineData("""{"code":"A!","percentOff":10}""", "code")]
    [InlineData("""{"code":"AB","percentOff":10}""", "code")]
    [InlineData("""{"code":"HALF"}""", "percentOff")]
    [InlineData("""{"code":"HALF","percentOff":10,"amountOff":{"amount":100,"currency":"EUR"}}""", "percentOff")]
    [InlineData("""{"code":"HALF","percentOff":101}""", "percentOff")]
    [InlineData("""{"code":"HALF","amountOff":{"amount":0,"currency":"EUR"}}""", "amountOff.amount")]
    [InlineData("""{"code":"HALF","amountOff":{"amount":100,"currency":"USD"}}""", "amountOff.currency")]
    [InlineData("""{"code":"HALF","percentOff":10,"usageLimit":0}""", "usageLimit")]
    [InlineData("""{"code":"HALF","percentOff":10,"validFrom":"2031-01-02T00:00:00Z","validUntil":"2031-01-01T00:00:00Z"}""", "validUntil")]
    [InlineData("""{"code":"HALF","percentOff":10,"ticketTypeIds":["00000000000000000000000000000000"]}""", "ticketTypeIds[0]")]
    [InlineData("""{"code":"HALF","percentOff":10,"unlocksTicketTypeIds":["00000000000000000000000000000000"]}""", "unlocksTicketTypeIds[0]")]
    public async Task Create_WithABadField_NamesIt_AndWritesNothing(string body, string field)
    {
        var (eventId, _) = await EventWithTypeAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.SendRawAsync(HttpMethod.Post, $"/events/{eventId}/vouchers", body, ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        using var list = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers");
        Assert.Empty((await SellingApi.ReadAsync<VoucherListResponse>(list, HttpStatusCode.OK)).Items);
    }

    [Fact]
    public async Task Update_DisablesIt_AndItsLimitCantGoBelowTheUsesTaken()
    {
        var (eventId, typeId) = await EventWithTypeAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "CREW", ["percentOff"] = 100, ["usageLimit"] = 5 });
        using var buyer = fx.App.SellingApi(fx.Attendee);
        for (var i = 0; i < 2; i++)
        {
            using var held = await buyer.HoldAsync(eventId, SellingApi.HoldBody("crew", SellingApi.Line(typeId, 1)));
            Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        }

        using (var tooLow = await organizer.PatchAsync($"/events/{eventId}/vouchers/crew", new JsonObject { ["usageLimit"] = 1 }))
        {
            await ApiClient.AssertValidationErrorAsync(tooLow, "usageLimit");
        }

        using (var disabled = await organizer.PatchAsync($"/events/{eventId}/vouchers/CREW", new JsonObject { ["disabled"] = true, ["usageLimit"] = 2 }))
        {
            var v = await SellingApi.ReadAsync<VoucherResponse>(disabled, HttpStatusCode.OK);
            Assert.Equal((true, 2, 2), (v.Disabled, v.UsageLimit, v.Used));
        }

        using var refused = await buyer.HoldAsync(eventId, SellingApi.HoldBody("CREW", SellingApi.Line(typeId, 1)));
        await ApiClient.AssertValidationErrorAsync(refused, "voucherCode");
        using var unknown = await organizer.PatchAsync($"/events/{eventId}/vouchers/NOPE", new JsonObject { ["disabled"] = true });
        await ApiClient.ReadProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_OfAVoucherWithoutALimit_DisablesAndEnablesIt()
    {
        var (eventId, typeId) = await EventWithTypeAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "FRIENDS", ["percentOff"] = 10 });

        using (var disabled = await organizer.PatchAsync($"/events/{eventId}/vouchers/FRIENDS", new JsonObject { ["disabled"] = true }))
        {
            var v = await SellingApi.ReadAsync<VoucherResponse>(disabled, HttpStatusCode.OK);
            Assert.Equal((true, (int?)null, 2L), (v.Disabled, v.UsageLimit, v.Version));
        }

        using var buyer = fx.App.SellingApi(fx.Attendee);
        using (var refused = await buyer.HoldAsync(eventId, SellingApi.HoldBody("FRIENDS", SellingApi.Line(typeId, 1))))
        {
            await ApiClient.AssertValidationErrorAsync(refused, "voucherCode");
        }

        using (var enabled = await organizer.PatchAsync($"/events/{eventId}/vouchers/FRIENDS", new JsonObject { ["disabled"] = false }))
        {
            Assert.False((await SellingApi.ReadAsync<VoucherResponse>(enabled, HttpStatusCode.OK)).Disabled);
        }

        using var held = await buyer.HoldAsync(eventId, SellingApi.HoldBody("FRIENDS", SellingApi.Line(typeId, 1)));
        Assert.Equal("FRIENDS", (await SellingApi.ReadAsync<HoldResponse>(held, HttpStatusCode.Created)).VoucherCode);
    }

    private async Task<(string EventId, string TypeId)> EventWithTypeAsync()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        return (eventId, type.Id);
    }
}
