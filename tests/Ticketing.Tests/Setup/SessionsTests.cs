using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Setup;

/// <summary>Sessions of a multi-day event, and ticket types admitting to some of them.</summary>
public sealed class SessionsTests(TicketingFixture fx)
{
    private static readonly DateTimeOffset Day1 = new(2031, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_Update_AndList_InTimeOrder_ForAnyone()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 300);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var day2 = await CreateAsync(organizer, eventId, "Day 2", Day1.AddDays(1));
        var day1 = await CreateAsync(organizer, eventId, "Day 1", Day1);

        using (var moved = await organizer.PatchAsync($"/events/{eventId}/sessions/{day2.Id}", new JsonObject { ["name"] = "Day 2: workshops", ["endsAt"] = Day1.AddDays(1).AddHours(10).ToString("O") }))
        {
            var s = await SellingApi.ReadAsync<SessionResponse>(moved, HttpStatusCode.OK);
            Assert.Equal(("Day 2: workshops", Day1.AddDays(1), Day1.AddDays(1).AddHours(10), 2L), (s.Name, s.StartsAt, s.EndsAt, s.Version));
        }

        var pass = SellingApi.TicketType("Day 1 pass", 0);
        pass["sessionIds"] = new JsonArray(day1.Id);
        var type = await organizer.CreateTypeAsync(eventId, pass);
        Assert.Equal([day1.Id], type.SessionIds);

        using var anonymous = fx.App.SellingApi(null);
        using var list = await anonymous.GetAsync($"/events/{eventId}/sessions");
        var sessions = (await SellingApi.ReadAsync<SessionListResponse>(list, HttpStatusCode.OK)).Items;
        Assert.Equal(["Day 1", "Day 2: workshops"], sessions.Select(s => s.Name));
    }

    [Theory]
    [InlineData("""{"startsAt":"2031-05-01T09:00:00Z","endsAt":"2031-05-01T18:00:00Z"}""", "name")]
    [InlineData("""{"name":"Day 1","endsAt":"2031-05-01T18:00:00Z"}""", "startsAt")]
    [InlineData("""{"name":"Day 1","startsAt":"2031-05-01T09:00:00Z"}""", "endsAt")]
    [InlineData("""{"name":"Day 1","startsAt":"2031-05-01T09:00:00Z","endsAt":"2031-05-01T09:00:00Z"}""", "endsAt")]
    [InlineData("""{"name":"Day 1","startsAt":"2031-05-01T09:00:00","endsAt":"2031-05-01T18:00:00Z"}""", "startsAt")]
    public async Task Create_WithABadField_NamesIt_AndWritesNothing(string body, string field)
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);

        using var response = await organizer.SendRawAsync(HttpMethod.Post, $"/events/{eventId}/sessions", body, ApiClient.NewKey());

        await ApiClient.AssertValidationErrorAsync(response, field);
        using var list = await organizer.GetAsync($"/events/{eventId}/sessions");
        Assert.Empty((await SellingApi.ReadAsync<SessionListResponse>(list, HttpStatusCode.OK)).Items);
    }

    [Fact]
    public async Task Update_ThatEndsBeforeItStarts_IsRefused_AndChangesNothing()
    {
        var eventId = await fx.App.SeedEventAsync(fx.Organizer, 100);
        using var organizer = fx.App.SellingApi(fx.Organizer);
        var session = await CreateAsync(organizer, eventId, "Day 1", Day1);

        using var response = await organizer.PatchAsync($"/events/{eventId}/sessions/{session.Id}", new JsonObject { ["endsAt"] = Day1.AddHours(-1).ToString("O") });

        await ApiClient.AssertValidationErrorAsync(response, "endsAt");
        using var list = await organizer.GetAsync($"/events/{eventId}/sessions");
        Assert.Equal(1, Assert.Single((await SellingApi.ReadAsync<SessionListResponse>(list, HttpStatusCode.OK)).Items).Version);
    }

    private static async Task<SessionResponse> CreateAsync(SellingApi organizer, string eventId, string name, DateTimeOffset starts)
    {
        using var response = await organizer.PostAsync($"/events/{eventId}/sessions", new JsonObject
        {
            ["name"] = name,
            ["startsAt"] = starts.ToString("O"),
            ["endsAt"] = starts.AddHours(9).ToString("O"),
        });
        return await SellingApi.ReadAsync<SessionResponse>(response, HttpStatusCode.Created);
    }
}
