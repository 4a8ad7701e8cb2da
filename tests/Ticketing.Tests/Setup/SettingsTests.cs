using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>How an event sells: how long a hold lasts, the refund policy, how long a waiting-list offer stays open.</summary>
public sealed class SettingsTests(TicketingFixture fx)
{
    [Fact]
    public async Task Defaults_AreReadableByAnyone_AndAChangedHoldTime_AppliesToTheNextHold()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500));
        using var anonymous = fx.App.SellingApi(null);
        Assert.Equal((15, 48, 30), Policy(await GetAsync(anonymous, eventId)));

        using (var changed = await organizer.PatchAsync($"/events/{eventId}/ticketing-settings", new JsonObject { ["holdMinutes"] = 5, ["refundsDisabled"] = true }))
        {
            var s = await SellingApi.ReadAsync<TicketingSettingsResponse>(changed, HttpStatusCode.OK);
            Assert.Equal((5, (int?)null, 30), (s.HoldMinutes, s.RefundUntilHoursBeforeStart, s.OfferMinutes));
        }

        Assert.Equal((5, null, 30), Policy(await GetAsync(anonymous, eventId)));
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 1));
        Assert.InRange(hold.SecondsLeft, 240, 300);
        Assert.InRange(hold.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("""{"holdMinutes":4}""", "holdMinutes")]
    [InlineData("""{"holdMinutes":61}""", "holdMinutes")]
    [InlineData("""{"offerMinutes":1441}""", "offerMinutes")]
    [InlineData("""{"refundUntilHoursBeforeStart":-1}""", "refundUntilHoursBeforeStart")]
    [InlineData("""{"holdMinutes":"15"}""", "holdMinutes")]
    public async Task Update_WithABadField_NamesIt_AndChangesNothing(string body, string field)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.SendRawAsync(HttpMethod.Patch, $"/events/{eventId}/ticketing-settings", body, ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        using var anonymous = fx.App.SellingApi(null);
        Assert.Equal((15, 48, 30), Policy(await GetAsync(anonymous, eventId)));
    }

    private static (int, int?, int) Policy(TicketingSettingsResponse s) => (s.HoldMinutes, s.RefundUntilHoursBeforeStart, s.OfferMinutes);

    private static async Task<TicketingSettingsResponse> GetAsync(SellingApi api, string eventId)
    {
        using var response = await api.GetAsync($"/events/{eventId}/ticketing-settings");
        return await SellingApi.ReadAsync<TicketingSettingsResponse>(response, HttpStatusCode.OK);
    }
}
