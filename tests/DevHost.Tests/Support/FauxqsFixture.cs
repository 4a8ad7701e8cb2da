using Amazon.SQS;
using Amazon.SQS.Model;
using BitcoinEvents.LocalAws;

namespace DevHost.Tests.Support;

/// <summary>One fauxqs (in memory, any free port) shared by the queue tests; each test makes its own queues.</summary>
public sealed class FauxqsFixture : IAsyncLifetime
{
    private LocalAwsServers? _servers;

    public LocalAwsServers Servers => _servers ?? throw new InvalidOperationException("fauxqs is not started.");

    public AmazonSQSClient Sqs { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _servers = await LocalAwsServers.StartAsync(LocalAwsOptions.ForTests(LocalServer.Fauxqs), TestContext.Current.CancellationToken);
        Sqs = _servers.CreateSqsClient();
    }

    public async ValueTask DisposeAsync()
    {
        Sqs?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    /// <summary>A queue with a DLQ (redrive after <paramref name="maxReceiveCount"/> receives) and a short visibility timeout.</summary>
    public async Task<QueueUnderTest> CreateQueueAsync(string prefix, int visibilityTimeoutSeconds = 1, int maxReceiveCount = 2, bool fifo = false)
    {
        var suffix = fifo ? ".fifo" : "";
        var name = $"{prefix}-{Guid.NewGuid():N}";
        var fifoAttributes = fifo
            ? new Dictionary<string, string> { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" }
            : [];

        var dlq = await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name + "-dlq" + suffix, Attributes = new(fifoAttributes) });
        var dlqArn = await ArnOfAsync(dlq.QueueUrl);
        var attributes = new Dictionary<string, string>(fifoAttributes)
        {
            ["VisibilityTimeout"] = visibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
        };
        var queue = await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name + suffix, Attributes = attributes });
        return new QueueUnderTest(queue.QueueUrl, await ArnOfAsync(queue.QueueUrl), dlq.QueueUrl);
    }

    /// <summary>Messages visible plus in flight.</summary>
    public async Task<int> CountAsync(string queueUrl)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private async Task<string> ArnOfAsync(string queueUrl)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] });
        return attributes.QueueARN;
    }
}

public sealed record QueueUnderTest(string Url, string Arn, string DeadLetterUrl);
