using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>
/// What a voucher does to a hold: a percentage or fixed discount on the types it is scoped to, a
/// use taken in the hold's transaction (and given back when the hold lapses), a validity window,
/// hidden types it unlocks.
/// </summary>
public sealed class VoucherHoldsTests(TicketingFixture fx)
{
    [Fact]
    public async Task APercentage_ComesOffEachSeatOfTheTypesItIsScopedTo_Only()
    {
        var (eventId, standard, vip) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "STANDARD20", ["percentOff"] = 20, ["ticketTypeIds"] = new JsonArray(standard) });
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody("standard20", SellingApi.Line(standard, 2), SellingApi.Line(vip, 1)));

        var hold = await SellingApi.ReadAsync<HoldResponse>(response, HttpStatusCode.Created);
        Assert.Equal("STANDARD20", hold.VoucherCode);
        Assert.Equal(new MoneyDto(1_000, "EUR"), hold.Lines.Single(l => l.TicketTypeId == standard).Discount);
        Assert.Equal(new MoneyDto(0, "EUR"), hold.Lines.Single(l => l.TicketTypeId == vip).Discount);
        Assert.Equal((new MoneyDto(15_000, "EUR"), new MoneyDto(1_000, "EUR"), new MoneyDto(14_000, "EUR")), (hold.Subtotal, hold.Discount, hold.Total));

        using var vipOnly = await buyer.HoldAsync(eventId, SellingApi.HoldBody("STANDARD20", SellingApi.Line(vip, 1)));
        await ApiClient.AssertValidationErrorAsync(vipOnly, "voucherCode");
    }

    [Fact]
    public async Task AFixedAmount_ComesOffTheOrderOnce_AndNeverTakesItBelowZero()
    {
        var (eventId, standard, _) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "FIVEOFF", ["amountOff"] = new JsonObject { ["amount"] = 500, ["currency"] = "EUR" } });
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "COMP", ["amountOff"] = new JsonObject { ["amount"] = 1_000_000, ["currency"] = "EUR" } });
        using var buyer = fx.App.SellingApi(fx.Attendee);

        using var five = await buyer.HoldAsync(eventId, SellingApi.HoldBody("FIVEOFF", SellingApi.Line(standard, 2)));
        var fiveOff = await SellingApi.ReadAsync<HoldResponse>(five, HttpStatusCode.Created);
        Assert.Equal((new MoneyDto(500, "EUR"), new MoneyDto(4_500, "EUR")), (fiveOff.Discount, fiveOff.Total));

        using var comp = await buyer.HoldAsync(eventId, SellingApi.HoldBody("COMP", SellingApi.Line(standard, 1)));
        var free = await SellingApi.ReadAsync<HoldResponse>(comp, HttpStatusCode.Created);
        Assert.Equal((new MoneyDto(2_500, "EUR"), new MoneyDto(0, "EUR")), (free.Discount, free.Total));

        // Discounted to nothing, the order is free: paid at once.
        var order = await buyer.CheckoutOkAsync(free);
        Assert.Equal(("paid", 1), (order.Status, order.TicketIds.Count));
    }

    [Fact]
    public async Task TheUsageLimit_IsTakenWithTheHold_ARefusedHoldTakesNoSeats_AndALapsedHoldGivesItsUseBack()
    {
        var (eventId, standard, _) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "TWICE", ["percentOff"] = 50, ["usageLimit"] = 2 });
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var first = await HoldWithAsync(buyer, eventId, "TWICE", standard, 1);
        await HoldWithAsync(buyer, eventId, "TWICE", standard, 1);

        using (var third = await buyer.HoldAsync(eventId, SellingApi.HoldBody("TWICE", SellingApi.Line(standard, 3))))
        {
            var problem = await ApiClient.ReadProblemAsync(third, HttpStatusCode.BadRequest);
            Assert.Contains("used up", problem["errors"]!["voucherCode"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(98, (await organizer.ListQuotasAsync(eventId)).Single().Available);
        Assert.Equal(2, await UsesAsync(organizer, eventId, "TWICE"));

        using (var release = await buyer.SendAsync(HttpMethod.Delete, $"/holds/{first.Id}", null, ApiClient.NewKey()))
        {
            Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        }

        Assert.Equal(1, await UsesAsync(organizer, eventId, "TWICE"));
        await HoldWithAsync(buyer, eventId, "TWICE", standard, 3);
        Assert.Equal(2, await UsesAsync(organizer, eventId, "TWICE"));
    }

    [Fact]
    public async Task AVoucherOutsideItsWindow_IsRefused()
    {
        var (eventId, standard, _) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var now = DateTimeOffset.UtcNow;
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "SOON", ["percentOff"] = 10, ["validFrom"] = now.AddDays(1).ToString("O") });
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "GONE", ["percentOff"] = 10, ["validUntil"] = now.AddMinutes(-1).ToString("O") });
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "NOW", ["percentOff"] = 10, ["validFrom"] = now.AddMinutes(-1).ToString("O"), ["validUntil"] = now.AddDays(1).ToString("O") });
        using var buyer = fx.App.SellingApi(fx.Attendee);

        foreach (var code in new[] { "SOON", "GONE" })
        {
            using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(code, SellingApi.Line(standard, 1)));
            await ApiClient.AssertValidationErrorAsync(response, "voucherCode");
            Assert.Equal(0, await UsesAsync(organizer, eventId, code));
        }

        Assert.Equal(new MoneyDto(250, "EUR"), (await HoldWithAsync(buyer, eventId, "NOW", standard, 1)).Discount);
        Assert.Equal(99, (await organizer.ListQuotasAsync(eventId)).Single().Available);
    }

    [Fact]
    public async Task AHiddenType_IsReservableOnlyWithAVoucherThatUnlocksIt()
    {
        var (eventId, standard, _) = await EventAsync();
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var speakerBody = SellingApi.TicketType("Speakers", 0);
        speakerBody["hidden"] = true;
        var speakers = await organizer.CreateTypeAsync(eventId, speakerBody);
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "SPEAKER", ["percentOff"] = 100, ["unlocksTicketTypeIds"] = new JsonArray(speakers.Id), ["ticketTypeIds"] = new JsonArray(standard) });
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "OTHER", ["percentOff"] = 10 });
        using var buyer = fx.App.SellingApi(fx.Attendee);

        foreach (var code in new string?[] { null, "OTHER" })
        {
            using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(code, SellingApi.Line(speakers.Id, 1)));
            await ApiClient.AssertValidationErrorAsync(response, "lines[0].ticketTypeId");
        }

        var hold = await HoldWithAsync(buyer, eventId, "SPEAKER", speakers.Id, 1);
        Assert.Equal(("Speakers", new MoneyDto(0, "EUR")), (hold.Lines[0].Name, hold.Total));
        Assert.DoesNotContain(await fx.App.SellingApi(null).ListTypesAsync(eventId), t => t.Id == speakers.Id);
    }

    private static async Task<HoldResponse> HoldWithAsync(SellingApi buyer, string eventId, string code, string typeId, int quantity)
    {
        using var response = await buyer.HoldAsync(eventId, SellingApi.HoldBody(code, SellingApi.Line(typeId, quantity)));
        var hold = await SellingApi.ReadAsync<HoldResponse>(response, HttpStatusCode.Created);
        Assert.Equal(code, hold.VoucherCode);
        return hold;
    }

    private static async Task<int> UsesAsync(SellingApi organizer, string eventId, string code)
    {
        using var response = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers");
        return (await SellingApi.ReadAsync<VoucherListResponse>(response, HttpStatusCode.OK)).Items.Single(v => v.Code == code).Used;
    }

    /// <summary>A published event of 100 seats with Standard (25 EUR) and VIP (100 EUR).</summary>
    private async Task<(string EventId, string Standard, string Vip)> EventAsync()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var standard = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        var vip = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("VIP", 10_000));
        return (eventId, standard.Id, vip.Id);
    }
}
