using System.Net;
using Events.Tests.Support;

namespace Events.Tests.Operations;

/// <summary>GetEvent (public) and GetOrganizerEvent (owner or admin; anyone else 404).</summary>
public sealed class ReadEventTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task GetEvent_Published_Returns200AnonymouslyWithETag()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var anonymous = aws.App.Api(null);
        var published = await owner.CreatePublishedAsync(Soon);

        using var response = await anonymous.GetAsync($"/events/{published.Id}");

        var read = await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Equal(published.Id, read.Id);
        Assert.Equal(published.Title, read.Title);
        Assert.Equal("\"v2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GetEvent_Draft_Returns404ToEveryone()
    {
        using var owner = aws.App.Api(aws.Organizer);
        var draft = await owner.CreateDraftAsync(Soon);

        foreach (var user in new[] { null, aws.Attendee, aws.OtherOrganizer, aws.Organizer })
        {
            using var api = aws.App.Api(user);
            using var response = await api.GetAsync($"/events/{draft.Id}");
            await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("0190a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("nope")]
    [InlineData("0190A1B2C3D4E5F60718293A4B5C6D7E")]
    public async Task GetEvent_Unknown_Returns404Problem(string eventId)
    {
        using var anonymous = aws.App.Api(null);

        using var response = await anonymous.GetAsync($"/events/{eventId}");

        var problem = await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetOrganizerEvent_Owner_SeesTheDraft()
    {
        using var owner = aws.App.Api(aws.Organizer);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await owner.GetAsync($"/organizer/events/{draft.Id}");

        Assert.Equal("draft", (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Status);
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GetOrganizerEvent_Admin_SeesAnyonesDraft()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var admin = aws.App.Api(aws.Admin);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await admin.GetAsync($"/organizer/events/{draft.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetOrganizerEvent_AnotherOrganizer_Returns404EvenWhenPublished()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var draft = await owner.CreateDraftAsync(Soon);
        var published = await owner.CreatePublishedAsync(Soon);

        using var forDraft = await other.GetAsync($"/organizer/events/{draft.Id}");
        using var forPublished = await other.GetAsync($"/organizer/events/{published.Id}");

        await EventsApi.ReadProblemAsync(forDraft, HttpStatusCode.NotFound);
        await EventsApi.ReadProblemAsync(forPublished, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetOrganizerEvent_Anonymous_Returns401()
    {
        using var anonymous = aws.App.Api(null);

        using var response = await anonymous.GetAsync("/organizer/events/0190a1b2c3d4e5f60718293a4b5c6d7e");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var anonymous = aws.App.Api(null);

        using var response = await anonymous.GetAsync("/no-such-route");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Delete, "/events", body: null);

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }
}
