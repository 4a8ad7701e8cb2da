using System.Net;
using System.Text.Json.Nodes;
using Events.Tests.Support;

namespace Events.Tests.Operations;

public sealed class UpdateEventTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task Update_ReplacesPresentFieldsAndKeepsTheRest()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["title"] = "Renamed", ["venue"] = Venue("SV", "America/El_Salvador") });

        var updated = await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Equal("Renamed", updated.Title);
        Assert.Equal("SV", updated.Venue.Country);
        Assert.Null(updated.Venue.PostalCode);
        Assert.Equal(draft.Capacity, updated.Capacity);
        Assert.Equal(draft.Description, updated.Description);
        Assert.Equal(2, updated.Version);
        Assert.Equal("\"v2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Update_WithNoChange_KeepsTheVersion()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["title"] = draft.Title });

        Assert.Equal(1, (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Version);
    }

    [Fact]
    public async Task Update_WithMatchingIfMatch_Succeeds()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["capacity"] = 10 }, ifMatch: "\"v1\"");

        Assert.Equal(10, (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Capacity);
    }

    [Fact]
    public async Task Update_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        using var first = await api.PatchAsync(draft.Id, new JsonObject { ["capacity"] = 10 }, ifMatch: "\"v1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await api.PatchAsync(draft.Id, new JsonObject { ["capacity"] = 20 }, ifMatch: "\"v1\"");

        await EventsApi.ReadProblemAsync(second, HttpStatusCode.PreconditionFailed);
        using var read = await api.GetAsync($"/organizer/events/{draft.Id}");
        Assert.Equal(10, (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Capacity);
    }

    [Fact]
    public async Task Update_WithWeakIfMatch_Returns412()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["capacity"] = 10 }, ifMatch: "W/\"v1\"");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Update_WithMalformedIfMatch_Returns400NamingIfMatch()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["capacity"] = 10 }, ifMatch: "v1");

        await EventsApi.AssertValidationErrorAsync(response, "If-Match");
    }

    [Fact]
    public async Task Update_ConcurrentEditsOfDifferentFields_NeverClobberEachOther()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        var edits = new[]
        {
            new JsonObject { ["title"] = "Concurrent title" },
            new JsonObject { ["capacity"] = 77 },
            new JsonObject { ["description"] = "Concurrent description" },
            new JsonObject { ["venue"] = Venue("SV", "America/El_Salvador") },
        };

        var responses = await Task.WhenAll(edits.Select(edit => api.PatchAsync(draft.Id, edit)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        using var read = await api.GetAsync($"/organizer/events/{draft.Id}");
        var final = await EventsApi.ReadEventAsync(read, HttpStatusCode.OK);
        var applied = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1 + applied, final.Version);
        if (responses[0].StatusCode == HttpStatusCode.OK) Assert.Equal("Concurrent title", final.Title);
        if (responses[1].StatusCode == HttpStatusCode.OK) Assert.Equal(77, final.Capacity);
        if (responses[2].StatusCode == HttpStatusCode.OK) Assert.Equal("Concurrent description", final.Description);
        if (responses[3].StatusCode == HttpStatusCode.OK) Assert.Equal("SV", final.Venue.Country);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Update_WithInvalidTimeZone_Returns400NamingVenueTimeZone()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["venue"] = Venue("PT", "Europe/Atlantis") });

        await EventsApi.AssertValidationErrorAsync(response, "venue.timeZone");
    }

    [Fact]
    public async Task Update_WithEndBeforeStart_Returns400NamingEndsAt()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["endsAt"] = draft.StartsAt.AddHours(-1).ToString("O") });

        await EventsApi.AssertValidationErrorAsync(response, "endsAt");
    }

    [Fact]
    public async Task Update_WithWrongType_Returns400NamingTheField()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendRawAsync(HttpMethod.Patch, $"/events/{draft.Id}", """{"capacity": "lots"}""");

        await EventsApi.AssertValidationErrorAsync(response, "capacity");
    }

    [Fact]
    public async Task Update_AnotherOrganizersDraft_Returns404()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await other.PatchAsync(draft.Id, new JsonObject { ["title"] = "Mine now" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_AnotherOrganizersPublishedEvent_Returns403()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var published = await owner.CreatePublishedAsync(Soon);

        using var response = await other.PatchAsync(published.Id, new JsonObject { ["title"] = "Mine now" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Update_AnotherOrganizersDraftWithIfMatch_Returns404Not412()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await other.PatchAsync(draft.Id, new JsonObject { ["title"] = "x" }, ifMatch: "\"v9\"");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_ByAdmin_Succeeds()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var admin = aws.App.Api(aws.Admin);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await admin.PatchAsync(draft.Id, new JsonObject { ["title"] = "Fixed by admin" });

        Assert.Equal("Fixed by admin", (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Title);
    }

    [Fact]
    public async Task Update_CancelledEvent_Returns409()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        using var cancelled = await api.CancelAsync(draft.Id, "Venue closed");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        using var response = await api.PatchAsync(draft.Id, new JsonObject { ["title"] = "Back on" });

        var problem = await EventsApi.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("invalid_state_transition", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0190a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("not-an-event-id")]
    public async Task Update_UnknownEvent_Returns404(string eventId)
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.PatchAsync(eventId, new JsonObject { ["title"] = "Ghost" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_Anonymous_Returns401()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var anonymous = aws.App.Api(null);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await anonymous.PatchAsync(draft.Id, new JsonObject { ["title"] = "x" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    internal static JsonObject Venue(string country, string timeZone) => new()
    {
        ["name"] = "Hall",
        ["addressLines"] = new JsonArray("Main Street 1"),
        ["city"] = "Somewhere",
        ["country"] = country,
        ["timeZone"] = timeZone,
    };
}
