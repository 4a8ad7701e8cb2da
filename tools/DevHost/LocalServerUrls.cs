using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>
/// Where this DevHost's local servers listen, as <c>GET /local/servers</c> tells it: each server's
/// base URL, the SES emulator's mailbox and the SNS fake's outbox, and the fake payment providers'
/// API and control API. The ports change with the options (<c>--ses-port</c>,
/// <c>--fake-providers-port</c>, 0 for free ports), so scripts ask here instead of assuming them.
/// </summary>
internal sealed record LocalServerUrls(
    Uri? DynamoDb,
    Uri? SqsSnsS3,
    Uri? Ses,
    Uri? SnsMobile,
    Uri? Cognito,
    Uri? FakeProviders)
{
    /// <summary>The SES emulator's store: every email sent, as JSON (<c>GET</c>).</summary>
    public Uri? Mailbox => Ses is null ? null : new Uri(Ses, "store");

    /// <summary>The SNS fake's store: every SMS and push sent, as JSON (<c>GET</c>).</summary>
    public Uri? Messages => SnsMobile is null ? null : new Uri(SnsMobile, "messages");

    /// <summary>The fake providers' control API (pay, fail, expire, refund; tools/FakeProviders/README.md).</summary>
    public Uri? FakeProvidersControl => FakeProviders is null ? null : new Uri(FakeProviders, "control/");

    public static LocalServerUrls Of(LocalAwsServers? servers, Uri? fakeProviders)
    {
        Uri? Url(LocalServer server, Func<LocalAwsServers, Uri> url) =>
            servers is not null && servers.IsRunning(server) ? url(servers) : null;

        return new LocalServerUrls(
            Url(LocalServer.DynamoDb, s => s.DynamoDbUrl),
            Url(LocalServer.Fauxqs, s => s.SqsUrl),
            Url(LocalServer.Ses, s => s.SesUrl),
            Url(LocalServer.SnsMobile, s => s.SnsMobileUrl),
            Url(LocalServer.Cognito, s => s.CognitoUrl),
            fakeProviders);
    }

    /// <summary>The answer of <c>GET /local/servers</c>: null where this host runs without the server.</summary>
    public JsonObject ToJson() => new()
    {
        ["mail"] = new JsonObject { ["ses"] = Text(Ses), ["mailbox"] = Text(Mailbox) },
        ["smsAndPush"] = new JsonObject { ["sns"] = Text(SnsMobile), ["messages"] = Text(Messages) },
        ["fakeProviders"] = new JsonObject { ["url"] = Text(FakeProviders), ["control"] = Text(FakeProvidersControl) },
        ["dynamodb"] = Text(DynamoDb),
        ["sqsSnsS3"] = Text(SqsSnsS3),
        ["cognito"] = Text(Cognito),
    };

    private static string? Text(Uri? url) => url?.ToString();
}
