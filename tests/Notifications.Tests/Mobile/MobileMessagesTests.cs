using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Notifications.Mobile;
using Notifications.Tests.Support;

namespace Notifications.Tests.Mobile;

/// <summary>
/// SMS and push through SNS's query API: the requests are the documented ones (Action, Version,
/// form-encoded parameters, SigV4 for "sns"), and the SNS fake, which checks the signature as SNS
/// does, accepts them. fauxqs's SNS takes topics only, so the fake stands in for the phone side.
/// </summary>
public sealed class MobileMessagesTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnSms_IsAPublishToThePhoneNumber_MarkedTransactional()
    {
        var (mobile, capture) = Client("local");
        var phone = "+44770090" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var messageId = await mobile.SendSmsAsync(phone, "Bitcoin Events: your ticket is in your email.", Ct);

        var sent = Assert.Single(capture.Requests);
        SigV4.AssertSigned(sent, "sns");
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType?.Split(';')[0]);
        var form = Form(sent);
        Assert.Equal("Publish", form["Action"]);
        Assert.Equal("2010-03-31", form["Version"]);
        Assert.Equal(phone, form["PhoneNumber"]);
        Assert.False(form.ContainsKey("TopicArn"));
        Assert.Equal("AWS.SNS.SMS.SMSType", form["MessageAttributes.entry.1.Name"]);
        Assert.Equal("String", form["MessageAttributes.entry.1.Value.DataType"]);
        Assert.Equal("Transactional", form["MessageAttributes.entry.1.Value.StringValue"]);

        using var outbox = platform.Servers.CreateSnsMobileOutbox();
        var stored = Assert.Single(await outbox.GetMessagesAsync(Ct), m => m.MessageId == messageId);
        Assert.Equal(phone, stored.PhoneNumber);
    }

    [Fact]
    public async Task Push_RegistersTheDeviceOnce_ThenPublishesPerPlatformJsonToItsEndpoint()
    {
        var (mobile, capture) = Client("local");
        var token = "fcm-" + Guid.NewGuid().ToString("N");

        var endpoint = await mobile.RegisterAsync(NotificationsPlatform.PushApplicationArn, token, "user-1", Ct);
        var again = await mobile.RegisterAsync(NotificationsPlatform.PushApplicationArn, token, "user-1", Ct);
        var messageId = await mobile.PushAsync(endpoint, "Your ticket", "It is in your email.", Ct);

        Assert.Equal(endpoint, again);
        Assert.StartsWith("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/bitcoin-events-test/", endpoint, StringComparison.Ordinal);
        var register = Form(capture.Requests[0]);
        Assert.Equal(("CreatePlatformEndpoint", NotificationsPlatform.PushApplicationArn, token, "user-1"), (register["Action"], register["PlatformApplicationArn"], register["Token"], register["CustomUserData"]));
        var publish = Form(capture.Requests[2]);
        Assert.Equal(("Publish", endpoint, "json"), (publish["Action"], publish["TargetArn"], publish["MessageStructure"]));
        var message = JsonNode.Parse(publish["Message"])!;
        Assert.Equal("It is in your email.", message["default"]!.GetValue<string>());
        Assert.Equal("Your ticket", JsonNode.Parse(message["GCM"]!.GetValue<string>())!["notification"]!["title"]!.GetValue<string>());
        Assert.Equal("It is in your email.", JsonNode.Parse(message["APNS"]!.GetValue<string>())!["aps"]!["alert"]!["body"]!.GetValue<string>());

        using var outbox = platform.Servers.CreateSnsMobileOutbox();
        Assert.Equal(endpoint, Assert.Single(await outbox.GetMessagesAsync(Ct), m => m.MessageId == messageId).TargetArn);
    }

    [Fact]
    public async Task TheFake_RefusesARequestSignedWithAnotherSecret_AsSnsWould()
    {
        var (mobile, _) = Client("not-the-secret");

        var error = await Assert.ThrowsAsync<SnsException>(() => mobile.SendSmsAsync("+447700900123", "hi", Ct));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
    }

    [Fact]
    public async Task PushToAnEndpointSnsNeverCreated_IsNotFound()
    {
        var (mobile, _) = Client("local");

        var error = await Assert.ThrowsAsync<SnsException>(() => mobile.PushAsync("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/x/none", "t", "b", Ct));

        Assert.Equal("NotFound", error.Code);
    }

    private (MobileMessages Mobile, Capture Capture) Client(string secret)
    {
        var capture = new Capture(new SocketsHttpHandler());
        var http = new HttpClient(new SigV4SigningHandler(new BasicAWSCredentials("local", secret), RegionEndpoint.USEast1, "sns", capture));
        return (new MobileMessages(new SnsClient(http, platform.Servers.SnsMobileUrl)), capture);
    }

    private static Dictionary<string, string> Form(CapturedRequest request) =>
        Encoding.UTF8.GetString(request.Body).Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);
}
