using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Infrastructure.Aws;

/// <summary>
/// AWS clients, once per process, from configuration. With <c>AWS_ENDPOINT_URL_DYNAMODB</c> /
/// <c>AWS_ENDPOINT_URL_S3</c> set (local servers) a client talks to that URL (S3 path-style) with
/// dummy credentials; otherwise the SDK's default region and credential chain apply, as in Lambda.
/// </summary>
public static class AwsClients
{
    public const string DynamoDbEndpointSetting = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string S3EndpointSetting = "AWS_ENDPOINT_URL_S3";
    public const string RegionSetting = "AWS_REGION";

    private const string LocalRegion = "us-east-1";

    public static IServiceCollection AddAwsClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAmazonDynamoDB>(sp => CreateDynamoDb(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IAmazonS3>(sp => CreateS3(sp.GetRequiredService<IConfiguration>()));
        return services;
    }

    public static IAmazonDynamoDB CreateDynamoDb(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = new AmazonDynamoDBConfig();
        var endpoint = configuration[DynamoDbEndpointSetting];
        if (string.IsNullOrEmpty(endpoint))
        {
            ApplyRegion(config, configuration);
            return new AmazonDynamoDBClient(config);
        }

        config.ServiceURL = endpoint;
        config.AuthenticationRegion = configuration[RegionSetting] ?? LocalRegion;
        return new AmazonDynamoDBClient(LocalCredentials(), config);
    }

    public static IAmazonS3 CreateS3(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = new AmazonS3Config();
        var endpoint = configuration[S3EndpointSetting];
        if (string.IsNullOrEmpty(endpoint))
        {
            ApplyRegion(config, configuration);
            return new AmazonS3Client(config);
        }

        config.ServiceURL = endpoint;
        config.ForcePathStyle = true;
        config.AuthenticationRegion = configuration[RegionSetting] ?? LocalRegion;
        return new AmazonS3Client(LocalCredentials(), config);
    }

    private static void ApplyRegion(ClientConfig config, IConfiguration configuration)
    {
        if (configuration[RegionSetting] is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }

    // Local servers accept any credentials; never used against AWS (no endpoint override there).
    private static BasicAWSCredentials LocalCredentials() => new("local", "local");
}
