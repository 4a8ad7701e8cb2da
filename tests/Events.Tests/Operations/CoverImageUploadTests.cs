using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Events.Tests.Support;

namespace Events.Tests.Operations;

public sealed class CoverImageUploadTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task CoverImageUpload_PresignedUrlAcceptsAPutAndTheKeyBecomesTheCover()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/cover-image-uploads", new JsonObject { ["contentType"] = "image/png" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upload = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        var key = upload["key"]!.GetValue<string>();
        Assert.StartsWith($"events/{draft.Id}/cover/", key, StringComparison.Ordinal);
        Assert.EndsWith(".png", key, StringComparison.Ordinal);
        Assert.Equal("PUT", upload["method"]!.GetValue<string>());
        Assert.Equal("image/png", upload["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.True(upload["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        using var s3Http = new HttpClient();
        using var content = new ByteArrayContent(Png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var put = await s3Http.PutAsync(upload["uploadUrl"]!.GetValue<string>(), content, TestContext.Current.CancellationToken);
        Assert.True(put.IsSuccessStatusCode, $"PUT to the presigned URL answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");

        using var s3 = aws.Servers.CreateS3Client();
        using var stored = await s3.GetObjectAsync(new GetObjectRequest { BucketName = aws.Configuration["MEDIA_BUCKET"], Key = key }, TestContext.Current.CancellationToken);
        using var bytes = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(bytes, TestContext.Current.CancellationToken);
        Assert.Equal(Png, bytes.ToArray());

        using var patch = await api.PatchAsync(draft.Id, new JsonObject { ["coverImageKey"] = key });
        Assert.Equal(key, (await EventsApi.ReadEventAsync(patch, HttpStatusCode.OK)).CoverImageKey);
    }

    [Theory]
    [InlineData("image/gif")]
    [InlineData("text/html")]
    [InlineData("")]
    public async Task CoverImageUpload_WithUnsupportedContentType_Returns400NamingContentType(string contentType)
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/cover-image-uploads", new JsonObject { ["contentType"] = contentType });

        await EventsApi.AssertValidationErrorAsync(response, "contentType");
    }

    [Fact]
    public async Task CoverImageUpload_WithoutBody_Returns400NamingContentType()
    {
        using var api = aws.App.Api(aws.Organizer);
        var draft = await api.CreateDraftAsync(Soon);

        using var response = await api.SendRawAsync(HttpMethod.Post, $"/events/{draft.Id}/cover-image-uploads", body: null);

        await EventsApi.AssertValidationErrorAsync(response, "contentType");
    }

    [Fact]
    public async Task CoverImageUpload_ForAnotherOrganizersDraft_Returns404()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var other = aws.App.Api(aws.OtherOrganizer);
        var draft = await owner.CreateDraftAsync(Soon);

        using var response = await other.SendAsync(HttpMethod.Post, $"/events/{draft.Id}/cover-image-uploads", new JsonObject { ["contentType"] = "image/png" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CoverImageUpload_ByAttendeeForPublishedEvent_Returns403()
    {
        using var owner = aws.App.Api(aws.Organizer);
        using var attendee = aws.App.Api(aws.Attendee);
        var published = await owner.CreatePublishedAsync(Soon);

        using var response = await attendee.SendAsync(HttpMethod.Post, $"/events/{published.Id}/cover-image-uploads", new JsonObject { ["contentType"] = "image/png" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CoverImageUpload_Anonymous_Returns401()
    {
        using var anonymous = aws.App.Api(null);

        using var response = await anonymous.SendAsync(HttpMethod.Post, "/events/0190a1b2c3d4e5f60718293a4b5c6d7e/cover-image-uploads", new JsonObject { ["contentType"] = "image/png" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CoverImageUpload_ForUnknownEvent_Returns404()
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendAsync(HttpMethod.Post, "/events/0190a1b2c3d4e5f60718293a4b5c6d7e/cover-image-uploads", new JsonObject { ["contentType"] = "image/png" });

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }
}
