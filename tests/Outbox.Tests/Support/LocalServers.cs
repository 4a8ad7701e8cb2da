using BitcoinEvents.LocalAws;
using Outbox.Tests.Support;

[assembly: AssemblyFixture(typeof(LocalServers))]

namespace Outbox.Tests.Support;

/// <summary>DynamoDB Local and fauxqs for the whole assembly, with template.yaml provisioned under a unique prefix.</summary>
public sealed class LocalServers : IAsyncLifetime
{
    private LocalAwsEnvironment? _local;

    public LocalAwsEnvironment Local => _local ?? throw new InvalidOperationException("The local servers are not started.");

    public async ValueTask InitializeAsync() =>
        _local = await LocalAwsEnvironment.StartAsync(LocalAwsOptions.ForTests(LocalServer.DynamoDb | LocalServer.Fauxqs));

    public async ValueTask DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    /// <summary>A new queue subscribed to the domain events topic (raw delivery), optionally filtered.</summary>
    public async Task<(string Url, string Arn)> SubscribeQueueAsync(string prefix, string? filterPolicy = null, CancellationToken ct = default)
    {
        using var sqs = Local.Servers.CreateSqsClient();
        var url = (await sqs.CreateQueueAsync($"{prefix}-{Guid.NewGuid():N}", ct)).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct)).QueueARN;
        using var sns = Local.Servers.CreateSns();
        var attributes = new Dictionary<string, string> { ["RawMessageDelivery"] = "true" };
        if (filterPolicy is not null)
        {
            attributes["FilterPolicy"] = filterPolicy;
        }

        await sns.SubscribeAsync(Local.Resources.TopicArn("DomainEventsTopic"), "sqs", arn, attributes, ct);
        return (url, arn);
    }
}
