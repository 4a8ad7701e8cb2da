using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>
/// How the area reaches the AWS services it calls, configured as the platform's AWS clients are
/// (<c>AwsClients</c>): with a service's <c>AWS_ENDPOINT_URL_*</c> set (local servers), that URL and
/// the local dummy credentials; otherwise the service in <c>AWS_REGION</c> with the SDK's default
/// credential chain (the function's role in Lambda). SES v2, Cognito and SNS have no AWSSDK package
/// here: they are called over HTTPS with AWSSDK.Core's SigV4 signer.
/// </summary>
internal static class AwsAccess
{
    public const string RegionSetting = "AWS_REGION";

    public static RegionEndpoint Region(IConfiguration configuration) =>
        RegionEndpoint.GetBySystemName(configuration[RegionSetting] is { Length: > 0 } name ? name : "us-east-1");

    /// <summary>
    /// An HTTP client whose requests are SigV4-signed for <paramref name="signingName"/>, and the
    /// endpoint to send them to: <paramref name="local"/> (a local server), or
    /// <c>https://{host}.{region}.{dnsSuffix}/</c>.
    /// </summary>
    public static (HttpClient Http, Uri Endpoint) SignedClient(IConfiguration configuration, string? local, string signingName, string host, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var region = Region(configuration);
        var credentials = Credentials(local);
        var endpoint = string.IsNullOrEmpty(local)
            ? new Uri($"https://{host}.{region.SystemName}.{region.PartitionDnsSuffix}/")
            : new Uri(local.TrimEnd('/') + "/");
        var http = new HttpClient(new SigV4SigningHandler(credentials, region, signingName, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
        {
            Timeout = timeout,
        };
        return (http, endpoint);
    }

    public static IAmazonSQS CreateSqs(IConfiguration configuration)
    {
        var config = new AmazonSQSConfig();
        var local = configuration["AWS_ENDPOINT_URL_SQS"];
        if (string.IsNullOrEmpty(local))
        {
            config.RegionEndpoint = Region(configuration);
            return new AmazonSQSClient(config);
        }

        config.ServiceURL = local;
        config.AuthenticationRegion = Region(configuration).SystemName;
        return new AmazonSQSClient(Credentials(local), config);
    }

    public static IAmazonKeyManagementService CreateKms(IConfiguration configuration)
    {
        var config = new AmazonKeyManagementServiceConfig();
        var local = configuration["AWS_ENDPOINT_URL_KMS"];
        if (string.IsNullOrEmpty(local))
        {
            config.RegionEndpoint = Region(configuration);
            return new AmazonKeyManagementServiceClient(config);
        }

        config.ServiceURL = local;
        config.AuthenticationRegion = Region(configuration).SystemName;
        return new AmazonKeyManagementServiceClient(Credentials(local), config);
    }

    // Local servers accept any credentials; never used against AWS (no endpoint override there).
    private static AWSCredentials Credentials(string? localEndpoint) =>
        string.IsNullOrEmpty(localEndpoint) ? DefaultAWSCredentialsIdentityResolver.GetCredentials() : new BasicAWSCredentials("local", "local");
}
