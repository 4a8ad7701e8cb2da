using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>
/// Idempotency-Key on the area's mutating routes: a retry with the same key gets the first answer
/// (marked Idempotent-Replayed) and changes nothing more; the routes that create something require a key.
/// </summary>
public sealed class IdempotencyKeyTests(TicketingFixture fx)
{
    private static readonly DateTimeOffset Day1 = new(2031, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryMutatingRoute_AnswersARetryWithTheFirstAnswer_AndActsOnce()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        using var buyer = fx.App.SellingApi(fx.Attendee);

        var type = await TwiceAsync<TicketTypeResponse>(organizer, HttpMethod.Post, $"/events/{eventId}/ticket-types", SellingApi.TicketType("Standard", 0), HttpStatusCode.Created);
        await TwiceAsync<TicketTypeResponse>(organizer, HttpMethod.Patch, $"/events/{eventId}/ticket-types/{type.Id}", new JsonObject { ["name"] = "Regular" }, HttpStatusCode.OK);
        var quota = await TwiceAsync<QuotaResponse>(organizer, HttpMethod.Post, $"/events/{eventId}/quotas", new JsonObject { ["name"] = "Hall", ["capacity"] = 50 }, HttpStatusCode.Created);
        await TwiceAsync<QuotaResponse>(organizer, HttpMethod.Patch, $"/events/{eventId}/quotas/{quota.Id}", new JsonObject { ["capacity"] = 60 }, HttpStatusCode.OK);
        var session = await TwiceAsync<SessionResponse>(organizer, HttpMethod.Post, $"/events/{eventId}/sessions", new JsonObject
        {
            ["name"] = "Day 1",
            ["startsAt"] = Day1.ToString("O"),
            ["endsAt"] = Day1.AddHours(9).ToString("O"),
        }, HttpStatusCode.Created);
        await TwiceAsync<SessionResponse>(organizer, HttpMethod.Patch, $"/events/{eventId}/sessions/{session.Id}", new JsonObject { ["name"] = "Opening day" }, HttpStatusCode.OK);
        await TwiceAsync<VoucherResponse>(organizer, HttpMethod.Post, $"/events/{eventId}/vouchers", new JsonObject { ["code"] = "CREW", ["percentOff"] = 100, ["usageLimit"] = 10 }, HttpStatusCode.Created);
        await TwiceAsync<VoucherResponse>(organizer, HttpMethod.Patch, $"/events/{eventId}/vouchers/CREW", new JsonObject { ["usageLimit"] = 20 }, HttpStatusCode.OK);
        await TwiceAsync<TicketingSettingsResponse>(organizer, HttpMethod.Patch, $"/events/{eventId}/ticketing-settings", new JsonObject { ["holdMinutes"] = 10 }, HttpStatusCode.OK);
        var hold = await TwiceAsync<HoldResponse>(buyer, HttpMethod.Post, $"/events/{eventId}/holds", SellingApi.HoldBody("CREW", SellingApi.Line(type.Id, 3)), HttpStatusCode.Created);
        var order = await TwiceAsync<OrderResponse>(buyer, HttpMethod.Post, $"/holds/{hold.Id}/checkout", SellingApi.CheckoutBody(hold), HttpStatusCode.Created);
        var released = await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 2));
        await TwiceAsync<JsonNode>(buyer, HttpMethod.Delete, $"/holds/{released.Id}", null, HttpStatusCode.NoContent);

        // Each created once, each change applied once: 3 seats sold once, 2 held and given back once.
        var types = await organizer.ListTypesAsync(eventId, organizer: true);
        Assert.Equal(("Regular", 2L), (Assert.Single(types).Name, types[0].Version));
        var quotas = await organizer.ListQuotasAsync(eventId);
        Assert.Equal(2, quotas.Count);
        Assert.Equal((60, 60, 2L), (quotas[1].Capacity, quotas[1].Available, quotas[1].Version));
        Assert.Equal(97, quotas[0].Available);
        using (var sessions = await organizer.GetAsync($"/events/{eventId}/sessions"))
        {
            var only = Assert.Single((await SellingApi.ReadAsync<SessionListResponse>(sessions, HttpStatusCode.OK)).Items);
            Assert.Equal(("Opening day", 2L), (only.Name, only.Version));
        }

        using (var vouchers = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers"))
        {
            var only = Assert.Single((await SellingApi.ReadAsync<VoucherListResponse>(vouchers, HttpStatusCode.OK)).Items);
            Assert.Equal((20, 1, 2L), (only.UsageLimit, only.Used, only.Version));
        }

        Assert.Equal(3, (await buyer.GetOrderAsync(order.Id)).TicketIds.Count);
        Assert.Equal("released", (await buyer.GetHoldAsync(released.Id)).Status);
    }

    [Fact]
    public async Task TheRoutesThatCreate_RequireAKey_AndRefuseAKeyReusedForAnotherRequest()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 0));
        using var buyer = fx.App.SellingApi(fx.Attendee);
        var hold = await buyer.HoldOkAsync(eventId, SellingApi.Line(type.Id, 1));
        (SellingApi Api, string Path, JsonObject Body)[] creates =
        [
            (organizer, $"/events/{eventId}/ticket-types", SellingApi.TicketType("Other", 0)),
            (organizer, $"/events/{eventId}/quotas", new JsonObject { ["name"] = "Hall", ["capacity"] = 5 }),
            (organizer, $"/events/{eventId}/sessions", new JsonObject { ["name"] = "Day 1", ["startsAt"] = Day1.ToString("O"), ["endsAt"] = Day1.AddHours(1).ToString("O") }),
            (organizer, $"/events/{eventId}/vouchers", new JsonObject { ["code"] = "CREW", ["percentOff"] = 100 }),
            (buyer, $"/events/{eventId}/holds", SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1))),
            (buyer, $"/holds/{hold.Id}/checkout", SellingApi.CheckoutBody(hold)),
        ];

        foreach (var (api, path, body) in creates)
        {
            using var response = await api.SendAsync(HttpMethod.Post, path, body, idempotencyKey: null);
            await ApiClient.AssertValidationErrorAsync(response, "Idempotency-Key");
        }

        var key = ApiClient.NewKey();
        using (var first = await buyer.SendAsync(HttpMethod.Post, $"/events/{eventId}/holds", SellingApi.HoldBody(null, SellingApi.Line(type.Id, 2)), key))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var reused = await buyer.SendAsync(HttpMethod.Post, $"/events/{eventId}/holds", SellingApi.HoldBody(null, SellingApi.Line(type.Id, 4)), key);
        Assert.Equal("unprocessable", (await ApiClient.ReadProblemAsync(reused, HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>());
        Assert.Single(await organizer.ListTypesAsync(eventId, organizer: true));
        var quotas = await organizer.ListQuotasAsync(eventId);
        Assert.Equal(97, Assert.Single(quotas).Available);
    }

    /// <summary>Sends the same request twice with one key: the same answer, the second a replay; the answer's body.</summary>
    private static async Task<T> TwiceAsync<T>(SellingApi api, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        var key = ApiClient.NewKey();
        using var first = await api.SendAsync(method, path, body, key);
        var firstText = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(first.StatusCode == expected, $"{method} {path}: {(int)first.StatusCode} {firstText}");
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        using var retry = await api.SendAsync(method, path, body, key);
        var retryText = await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected, retry.StatusCode);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(firstText, retryText);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        return firstText.Length == 0 ? default! : System.Text.Json.JsonSerializer.Deserialize<T>(firstText, ApiClient.Json)!;
    }
}
