using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>
/// The area's settings (template.yaml sets each function's share): who mail is from and in which
/// SES configuration set, where links point, the deliveries queue, the push platform application.
/// </summary>
internal sealed class NotificationSettings(IConfiguration configuration)
{
    public const string MailFromSetting = "MAIL_FROM";
    public const string ConfigurationSetSetting = "SES_CONFIGURATION_SET";
    public const string FrontendOriginSetting = "FRONTEND_ORIGIN";
    public const string ApiBaseUrlSetting = "API_BASE_URL";
    public const string DeliveriesQueueSetting = "DELIVERIES_QUEUE_URL";
    public const string PushApplicationSetting = "PUSH_PLATFORM_APPLICATION_ARN";

    public string MailFrom => Require(MailFromSetting);

    public string ConfigurationSet => Require(ConfigurationSetSetting);

    /// <summary>The web app, whose pages the links open (tickets, orders, preferences).</summary>
    public Uri FrontendOrigin => AbsoluteRoot(FrontendOriginSetting);

    /// <summary>The HTTP API, where the one-click unsubscribe link goes (mail clients POST to it).</summary>
    public Uri ApiBaseUrl => AbsoluteRoot(ApiBaseUrlSetting);

    public string DeliveriesQueueUrl => Require(DeliveriesQueueSetting);

    /// <summary>The SNS platform application devices register with; null: push is not set up.</summary>
    public string? PushPlatformApplicationArn => configuration[PushApplicationSetting] is { Length: > 0 } arn ? arn : null;

    private Uri AbsoluteRoot(string setting)
    {
        var text = Require(setting);
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"{setting} must be an absolute http(s) URL.");
    }

    private string Require(string setting) =>
        configuration[setting] is { Length: > 0 } value ? value : throw new InvalidOperationException($"{setting} is not set.");
}
