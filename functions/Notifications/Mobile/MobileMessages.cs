using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Notifications.Delivery;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Mobile;

/// <summary>
/// SMS and mobile push through Amazon SNS (<c>Publish</c> to a phone number, or to a platform
/// endpoint; <c>CreatePlatformEndpoint</c> to register a device), over the platform's SigV4 query
/// API client. <c>SNS_MOBILE_ENDPOINT_URL</c> (local only) points it at the SNS fake in
/// tools/LocalAws, because fauxqs's SNS publishes to topics only; then <c>AWS_ENDPOINT_URL_SNS</c>;
/// otherwise SNS in the region.
/// </summary>
internal sealed class MobileMessages(SnsClient sns)
{
    public const string EndpointSetting = "SNS_MOBILE_ENDPOINT_URL";

    public static MobileMessages Create(IConfiguration configuration)
    {
        var endpoint = configuration[EndpointSetting] is { Length: > 0 } local ? local : configuration[SnsClient.EndpointSetting];
        var (http, uri) = AwsAccess.SignedClient(configuration, endpoint, "sns", "sns", TimeSpan.FromSeconds(10));
        return new MobileMessages(new SnsClient(http, uri));
    }

    /// <summary>
    /// A transactional SMS (<c>AWS.SNS.SMS.SMSType</c> = Transactional: SNS routes it for
    /// reliability, not price, as tickets and payment news need). Returns SNS's message id.
    /// </summary>
    public Task<string> SendSmsAsync(string phoneNumber, string text, CancellationToken ct) =>
        sns.PublishAsync(new SnsPublishRequest
        {
            PhoneNumber = phoneNumber,
            Message = text,
            MessageAttributes = new Dictionary<string, SnsAttributeValue> { ["AWS.SNS.SMS.SMSType"] = SnsAttributeValue.Text("Transactional") },
        }, ct);

    /// <summary>A push notification to one device: a title and a body for FCM and APNs, and the body as the default.</summary>
    public Task<string> PushAsync(string endpointArn, string title, string body, CancellationToken ct)
    {
        var fcm = JsonSerializer.Serialize(new FcmMessage(new PushNotification(title, body)), MobileJsonContext.Default.FcmMessage);
        var apns = JsonSerializer.Serialize(new ApnsMessage(new ApnsPayload(new PushNotification(title, body))), MobileJsonContext.Default.ApnsMessage);
        var message = JsonSerializer.Serialize(
            new PushStructure(body, fcm, apns, apns), MobileJsonContext.Default.PushStructure);
        return sns.PublishAsync(new SnsPublishRequest { TargetArn = endpointArn, Message = message, MessageStructure = "json" }, ct);
    }

    /// <summary>Registers a device token with the platform application; returns its endpoint ARN.</summary>
    public Task<string> RegisterAsync(string platformApplicationArn, string token, string userId, CancellationToken ct) =>
        sns.CreatePlatformEndpointAsync(platformApplicationArn, token, userId, ct);
}

/// <summary>Publish with MessageStructure=json: one message per platform (SNS developer guide, "Send platform-specific payloads").</summary>
internal sealed record PushStructure(
    [property: JsonPropertyName("default")] string Default,
    [property: JsonPropertyName("GCM")] string Gcm,
    [property: JsonPropertyName("APNS")] string Apns,
    [property: JsonPropertyName("APNS_SANDBOX")] string ApnsSandbox);

internal sealed record PushNotification(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("body")] string Body);

internal sealed record FcmMessage([property: JsonPropertyName("notification")] PushNotification Notification);

internal sealed record ApnsMessage([property: JsonPropertyName("aps")] ApnsPayload Aps);

internal sealed record ApnsPayload([property: JsonPropertyName("alert")] PushNotification Alert);

[JsonSerializable(typeof(PushStructure))]
[JsonSerializable(typeof(FcmMessage))]
[JsonSerializable(typeof(ApnsMessage))]
internal sealed partial class MobileJsonContext : JsonSerializerContext;
