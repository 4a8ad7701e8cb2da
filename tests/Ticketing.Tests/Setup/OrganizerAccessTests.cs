using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>
/// Only the event's organizer (or an admin) sets up its ticketing. Anyone else, another organizer
/// included, gets 404 (they may not know what the event sells or that these resources exist), and
/// their request changes nothing.
/// </summary>
public sealed class OrganizerAccessTests(TicketingFixture fx)
{
    private static readonly DateTimeOffset Day1 = new(2031, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryOrganizerRoute_Answers404ToAnotherOrganizerAndToAnAttendee_401ToNobody_AndWorksForAnAdmin()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var quota = await organizer.CreateQuotaAsync(eventId, "Hall", 50);
        var type = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500, quota.Id));
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = "CREW", ["percentOff"] = 100 });
        using var created = await organizer.PostAsync($"/events/{eventId}/sessions", Session("Day 1"));
        var session = await SellingApi.ReadAsync<SessionResponse>(created, HttpStatusCode.Created);
        var before = await SnapshotAsync(organizer, eventId);

        (HttpMethod Method, string Path, JsonObject? Body)[] routes =
        [
            (HttpMethod.Post, $"/events/{eventId}/ticket-types", SellingApi.TicketType("Sneaky", 0)),
            (HttpMethod.Patch, $"/events/{eventId}/ticket-types/{type.Id}", new JsonObject { ["name"] = "Renamed" }),
            (HttpMethod.Get, $"/organizer/events/{eventId}/ticket-types", null),
            (HttpMethod.Post, $"/events/{eventId}/quotas", new JsonObject { ["name"] = "Sneaky", ["capacity"] = 5 }),
            (HttpMethod.Patch, $"/events/{eventId}/quotas/{quota.Id}", new JsonObject { ["capacity"] = 60 }),
            (HttpMethod.Get, $"/organizer/events/{eventId}/quotas", null),
            (HttpMethod.Post, $"/events/{eventId}/sessions", Session("Sneaky")),
            (HttpMethod.Patch, $"/events/{eventId}/sessions/{session.Id}", new JsonObject { ["name"] = "Renamed" }),
            (HttpMethod.Post, $"/events/{eventId}/vouchers", new JsonObject { ["code"] = "SNEAKY", ["percentOff"] = 100 }),
            (HttpMethod.Patch, $"/events/{eventId}/vouchers/CREW", new JsonObject { ["disabled"] = true }),
            (HttpMethod.Get, $"/organizer/events/{eventId}/vouchers", null),
            (HttpMethod.Patch, $"/events/{eventId}/ticketing-settings", new JsonObject { ["holdMinutes"] = 5 }),
            (HttpMethod.Get, $"/organizer/events/{eventId}/orders", null),
        ];

        foreach (var (user, expected) in new[] { (fx.OtherOrganizer, HttpStatusCode.NotFound), (fx.Attendee, HttpStatusCode.NotFound), ((TestUser?)null, HttpStatusCode.Unauthorized) })
        {
            using var api = fx.App.SellingApi(user);
            foreach (var (method, path, body) in routes)
            {
                using var response = await api.SendAsync(method, path, body, method == HttpMethod.Get ? null : ApiClient.NewKey());
                var problem = await ApiClient.ReadProblemAsync(response, expected);
                Assert.True(expected != HttpStatusCode.NotFound || problem["code"]!.GetValue<string>() == "not_found", $"{method} {path}: {problem}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(organizer, eventId));

        using var admin = fx.App.SellingApi(fx.Admin);
        foreach (var (method, path, body) in routes)
        {
            using var response = await admin.SendAsync(method, path, body, method == HttpMethod.Get ? null : ApiClient.NewKey());
            Assert.True(response.IsSuccessStatusCode, $"admin {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        Assert.NotEqual(before, await SnapshotAsync(organizer, eventId));
    }

    [Fact]
    public async Task AResourceOfAnotherEvent_IsNotFoundUnderMine()
    {
        var mine = await fx.App.SeedEventAsync(fx.Organizer, 100);
        var theirs = await fx.App.SeedEventAsync(fx.OtherOrganizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        using var other = fx.App.SellingApi(fx.OtherOrganizer);
        await organizer.CreateTypeAsync(mine, SellingApi.TicketType("Mine", 0));
        var theirType = await other.CreateTypeAsync(theirs, SellingApi.TicketType("Theirs", 0));
        var theirQuota = await other.CreateQuotaAsync(theirs, "Theirs", 10);

        using var type = await organizer.PatchAsync($"/events/{mine}/ticket-types/{theirType.Id}", new JsonObject { ["name"] = "Stolen" });
        using var quota = await organizer.PatchAsync($"/events/{mine}/quotas/{theirQuota.Id}", new JsonObject { ["capacity"] = 1 });
        using var drawFrom = await organizer.PostAsync($"/events/{mine}/ticket-types", SellingApi.TicketType("Borrowing", 0, theirQuota.Id));

        await ApiClient.ReadProblemAsync(type, HttpStatusCode.NotFound);
        await ApiClient.ReadProblemAsync(quota, HttpStatusCode.NotFound);
        await ApiClient.AssertValidationErrorAsync(drawFrom, "quotaIds[0]");
        Assert.Equal("Theirs", Assert.Single(await other.ListTypesAsync(theirs, organizer: true)).Name);
        Assert.Equal(10, (await other.ListQuotasAsync(theirs)).Single(q => q.Id == theirQuota.Id).Available);
    }

    [Fact]
    public async Task ADraftsTicketing_IsSetUpByItsOrganizer_ButNotFoundForAnyoneElse_AndSellsNothing()
    {
        var draft = await fx.App.SeedEventAsync(fx.Organizer, 100, EventStatus.Draft);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var type = await organizer.CreateTypeAsync(draft, SellingApi.TicketType("Standard", 0));

        using var anonymous = fx.App.SellingApi(null);
        foreach (var path in new[] { $"/events/{draft}/ticket-types", $"/events/{draft}/sessions", $"/events/{draft}/ticketing-settings" })
        {
            using var response = await anonymous.GetAsync(path);
            await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        }

        using var buyer = fx.App.SellingApi(fx.Attendee);
        using var hold = await buyer.HoldAsync(draft, SellingApi.HoldBody(null, SellingApi.Line(type.Id, 1)));
        await ApiClient.ReadProblemAsync(hold, HttpStatusCode.NotFound);
        Assert.Equal(100, (await organizer.ListQuotasAsync(draft)).Single().Available);
    }

    private static JsonObject Session(string name) => new()
    {
        ["name"] = name,
        ["startsAt"] = Day1.ToString("O"),
        ["endsAt"] = Day1.AddHours(9).ToString("O"),
    };

    /// <summary>Everything the organizer sees of the event's setup, as text.</summary>
    private static async Task<string> SnapshotAsync(SellingApi organizer, string eventId)
    {
        var parts = new List<string>();
        foreach (var path in new[]
        {
            $"/organizer/events/{eventId}/ticket-types", $"/organizer/events/{eventId}/quotas", $"/organizer/events/{eventId}/vouchers",
            $"/events/{eventId}/sessions", $"/events/{eventId}/ticketing-settings",
        })
        {
            using var response = await organizer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            parts.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        return string.Join('\n', parts);
    }
}
