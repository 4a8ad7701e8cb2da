using System.Net.Http.Headers;

namespace Notifications.Tests.Support;

/// <summary>One request as it left the process (after signing): method, URI, headers, body.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string? ContentType, byte[] Body);

/// <summary>Records each request it passes on (placed under the SigV4 handler, it sees what was signed and sent).</summary>
internal sealed class Capture(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public List<CapturedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, request.Headers, request.Content?.Headers.ContentType?.ToString(), body));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>What AWS documents for a SigV4-signed request (IAM user guide, "Signature Version 4").</summary>
internal static class SigV4
{
    public static void AssertSigned(CapturedRequest request, string service, string region = "us-east-1")
    {
        var authorization = Assert.Single(request.Headers.GetValues("Authorization"));
        var match = System.Text.RegularExpressions.Regex.Match(authorization, @"^AWS4-HMAC-SHA256 Credential=local/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=[0-9a-f]{64}$");
        Assert.True(match.Success, authorization);
        Assert.Equal((region, service), (match.Groups["region"].Value, match.Groups["service"].Value));
        var signed = match.Groups["headers"].Value.Split(';');
        Assert.Contains("host", signed);
        Assert.Contains("x-amz-date", signed);
        var date = request.Headers.GetValues("X-Amz-Date").Single();
        Assert.Matches(@"^\d{8}T\d{6}Z$", date);
        Assert.StartsWith(match.Groups["date"].Value, date, StringComparison.Ordinal);
    }
}
