using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using BitcoinEvents.Notifications.Email;
using MimeKit;
using Notifications.Tests.Support;

namespace Notifications.Tests.Email;

/// <summary>
/// The SES v2 SendEmail client: what it sends is what the SES v2 API reference documents (path,
/// method, JSON members, SigV4 for "ses"), and the SES emulator accepts and stores it as mail.
/// </summary>
public sealed class SesEmailClientTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SimpleContent_WithListUnsubscribe_IsTheDocumentedRequest_AndTheEmulatorStoresIt()
    {
        var (client, capture) = Client();
        var to = $"simple-{Guid.NewGuid():N}@example.test";
        var unsubscribe = new Uri("https://api.example.test/notifications/unsubscribe?token=v1.a.b");
        var request = EmailComposer.Compose(
            new RenderedEmail("Tomorrow: Porto Lightning Night", "See you tomorrow.\n", "<p>See you tomorrow.</p>", []),
            "Bitcoin Events <notifications@example.com>", to, "bitcoin-events-dev-notifications", unsubscribe,
            [new SesMessageTag("send_id", "0123456789abcdef0123456789abcdef"), new SesMessageTag("kind", "eventReminder")]);

        var messageId = await client.SendAsync(request, Ct);

        var sent = Assert.Single(capture.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/v2/email/outbound-emails", sent.Uri.AbsolutePath);
        Assert.Equal("application/json", sent.ContentType);
        SigV4.AssertSigned(sent, "ses");
        var body = JsonNode.Parse(sent.Body)!.AsObject();
        Assert.Equal(["FromEmailAddress", "Destination", "Content", "ConfigurationSetName", "EmailTags"], body.Select(p => p.Key));
        Assert.Equal(to, body["Destination"]!["ToAddresses"]![0]!.GetValue<string>());
        var simple = body["Content"]!["Simple"]!;
        Assert.Null(body["Content"]!["Raw"]);
        Assert.Equal("Tomorrow: Porto Lightning Night", simple["Subject"]!["Data"]!.GetValue<string>());
        Assert.Equal("UTF-8", simple["Body"]!["Html"]!["Charset"]!.GetValue<string>());
        Assert.Equal("<https://api.example.test/notifications/unsubscribe?token=v1.a.b>", simple["Headers"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal(new JsonObject { ["Name"] = "List-Unsubscribe-Post", ["Value"] = "List-Unsubscribe=One-Click" }.ToJsonString(), simple["Headers"]![1]!.ToJsonString());
        Assert.Equal("send_id", body["EmailTags"]![0]!["Name"]!.GetValue<string>());

        var stored = Assert.Single(await Mail.ToAsync(platform, to));
        Assert.Equal(messageId, stored.MessageId);
        Assert.Equal("<p>See you tomorrow.</p>", stored.Html);
        Assert.Equal("List-Unsubscribe=One-Click", Mail.Header(stored, "List-Unsubscribe-Post"));
    }

    [Fact]
    public async Task InlineImages_GoAsARawMimeMessage_RelatedToTheHtml()
    {
        var (client, capture) = Client();
        var to = $"raw-{Guid.NewGuid():N}@example.test";
        var png = BitcoinEvents.Tickets.Qr.TicketQrCode.RenderPng("eyJhbGciOiJFUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln", 4);
        var email = new RenderedEmail("Your ticket for Porto", "Your ticket.\n", "<p><img src=\"cid:qr-1@bitcoin-events\" alt=\"QR\"></p>", [new InlineImage("qr-1@bitcoin-events", "ticket-1.png", png)]);

        await client.SendAsync(EmailComposer.Compose(email, "Bitcoin Events <notifications@example.com>", to, "set", null, []), Ct);

        var body = JsonNode.Parse(Assert.Single(capture.Requests).Body)!;
        Assert.Null(body["Content"]!["Simple"]);
        using var mime = await MimeMessage.LoadAsync(new MemoryStream(Convert.FromBase64String(body["Content"]!["Raw"]!["Data"]!.GetValue<string>())), Ct);
        Assert.Equal("Your ticket for Porto", mime.Subject);
        Assert.Equal(to, mime.To.Mailboxes.Single().Address);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal("text/html", related[0].ContentType.MimeType);
        var image = Assert.IsType<MimePart>(related[1]);
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.Equal("qr-1@bitcoin-events", image.ContentId);
        Assert.Equal(ContentDisposition.Inline, image.ContentDisposition?.Disposition);

        var stored = Assert.Single(await Mail.ToAsync(platform, to));
        var attachment = stored.Raw["attachments"]![0]!;
        Assert.Equal("<qr-1@bitcoin-events>", attachment["contentId"]!.GetValue<string>());
        Assert.Equal(png, Convert.FromBase64String(attachment["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ARefusedSend_IsAnSesException_WithoutTheRecipientInItsMessage()
    {
        var (client, _) = Client();
        var to = $"refused-{Guid.NewGuid():N}@example.test";
        var request = new SendEmailRequest("", new SesDestination([to]), new SesContent(Simple: new SesSimpleMessage(new SesText(""), new SesBody(null, null), null)), null, null);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendAsync(request, Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain(to, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada@example.test", true)]
    [InlineData("Ada <ada@example.test>", false)]
    [InlineData("ada@example.test, eve@example.test", false)]
    [InlineData("no-at-sign", false)]
    [InlineData("", false)]
    public void IsSendable_AcceptsOneBareAddressOnly(string address, bool sendable)
    {
        Assert.Equal(sendable, EmailComposer.IsSendable(address));
    }

    private (SesEmailClient Client, Capture Capture) Client()
    {
        var capture = new Capture(new SocketsHttpHandler());
        var http = new HttpClient(new SigV4SigningHandler(new BasicAWSCredentials("local", "local"), RegionEndpoint.USEast1, "ses", capture));
        return (new SesEmailClient(http, platform.Servers.SesUrl), capture);
    }
}
