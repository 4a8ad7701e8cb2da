using System.Net;
using System.Text.Json.Nodes;
using Events.Tests.Support;

namespace Events.Tests.Operations;

public sealed class PublishAndCancelTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task Publish_Draft_Returns200AndMakesItPublic()
    {
        using var api = aws.App.Api(aws.Organizer);
        using var anonymous = aws.App.Api(null);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.PublishAsync(draft.Id);

        var published = await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Equal("published", published.Status);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal("\"v2\"", response.Headers.ETag?.ToString());
        using var read = await anonymous.GetAsync($"/events/{draft.Id}");
        Assert.Equal("published", (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task Publish_WhenStartInPast_Returns400NamingStartsAt()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(DateTimeOffset.UtcNow.AddDays(-1));

        using var response = await api.PublishAsync(draft.Id);

        var fields = await EventsApi.AssertValidationErrorAsync(response, "startsAt");
        Assert.Single(fields);
    }

    [Fact]
    public async Task Publish_Twice_Returns409()
    {
        using var api = aws.App.Api(aws.Organizer);
        var published = await api.CreatePublishedAsync(Soon);

        using var response = await api.PublishAsync(published.Id);

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Publish_WithStaleIfMatch_Returns412()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        using var edit = await api.PatchAsync(draft.Id, new JsonObject { ["title"] = "Edited" });

        using var response = await api.PublishAsync(draft.Id, ifMatch: "\"v1\"");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Publish_AnotherOrganizersDraft_Returns404()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await other.PublishAsync(draft.Id);

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publish_Anonymous_Returns401()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var anonymous = aws.App.Api(null);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await anonymous.PublishAsync(draft.Id);

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cancel_Published_Returns200WithReasonAndStaysReadable()
    {
        using var api = aws.App.Api(aws.Organizer);
        using var anonymous = aws.App.Api(null);
        var published = await api.CreatePublishedAsync(Soon);

        using var response = await api.CancelAsync(published.Id, "Speaker ill");

        var cancelled = await EventsApi.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("Speaker ill", cancelled.CancellationReason);
        Assert.NotNull(cancelled.CancelledAt);
        using var read = await anonymous.GetAsync($"/events/{published.Id}");
        Assert.Equal("cancelled", (await EventsApi.ReadEventAsync(read, HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task Cancel_Draft_Returns200()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.CancelAsync(draft.Id, "Not happening");

        Assert.Equal("cancelled", (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task Cancel_WithoutReason_Returns400NamingReason()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.CancelAsync(draft.Id, reason: null);

        await EventsApi.AssertValidationErrorAsync(response, "reason");
    }

    [Fact]
    public async Task Cancel_WithoutBody_Returns400NamingReason()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendRawAsync(HttpMethod.Post, $"/events/{draft.Id}/cancel", body: null);

        await EventsApi.AssertValidationErrorAsync(response, "reason");
    }

    [Fact]
    public async Task Cancel_WithReasonOfWrongType_Returns400NamingReason()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendRawAsync(HttpMethod.Post, $"/events/{draft.Id}/cancel", """{"reason": 42}""");

        await EventsApi.AssertValidationErrorAsync(response, "reason");
    }

    [Fact]
    public async Task Cancel_Twice_Returns409()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);
        using var first = await api.CancelAsync(draft.Id, "Once");

        using var response = await api.CancelAsync(draft.Id, "Twice");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancel_AnotherOrganizersPublishedEvent_Returns403()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var published = await owner.CreatePublishedAsync(Soon);

        using var response = await other.CancelAsync(published.Id, "Not mine");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cancel_ByAdmin_Succeeds()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var admin = aws.App.Api(aws.Admin);
        var published = await owner.CreatePublishedAsync(Soon);

        using var response = await admin.CancelAsync(published.Id, "Policy violation");

        Assert.Equal("cancelled", (await EventsApi.ReadEventAsync(response, HttpStatusCode.OK)).Status);
    }
}
