using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.SQS.Model;
using BitcoinEvents.DevHost.Queues;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using DevHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHost.Tests.Queues;

/// <summary>The poller against a real fauxqs queue, with test-only background operations.</summary>
public sealed class QueuePollerTests(FauxqsFixture fauxqs) : IClassFixture<FauxqsFixture>
{
    private readonly RecordingHandler _handler = new();

    [Fact]
    public async Task PollOnce_WhenTheRecordSucceeds_DeletesTheMessage()
    {
        var queue = await fauxqs.CreateQueueAsync("ok");
        await fauxqs.Sqs.SendMessageAsync(queue.Url, """{"id":"a"}""", Ct);

        var result = await Poller(queue, TestQueueOperation()).PollOnceAsync(Ct);

        Assert.Equal(new PollResult(Received: 1, Deleted: 1), result);
        Assert.Equal(["a"], _handler.Handled.Select(h => h.Id));
        Assert.Equal(0, await fauxqs.CountAsync(queue.Url));
    }

    [Fact]
    public async Task Run_WhenARecordKeepsFailing_ItReturnsAndLandsInTheDeadLetterQueueAfterMaxReceiveCount()
    {
        var queue = await fauxqs.CreateQueueAsync("poison", visibilityTimeoutSeconds: 1, maxReceiveCount: 2);
        const string Body = """{"id":"poison","fail":true}""";
        await fauxqs.Sqs.SendMessageAsync(queue.Url, Body, Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var running = Poller(queue, TestQueueOperation(), waitTimeSeconds: 1).RunAsync(stop.Token);
        Message? dead = null;
        while (dead is null && !stop.IsCancellationRequested)
        {
            var received = await fauxqs.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue.DeadLetterUrl, WaitTimeSeconds = 1 }, stop.Token);
            dead = received.Messages?.FirstOrDefault();
        }

        await stop.CancelAsync();
        await running;

        Assert.NotNull(dead);
        Assert.Equal(Body, dead.Body);
        Assert.Equal([1, 2], _handler.Handled.Where(h => h.Id == "poison").Select(h => h.ReceiveCount));
        Assert.Equal(0, await fauxqs.CountAsync(queue.Url));
    }

    [Fact]
    public async Task PollOnce_WithReportBatchItemFailures_DeletesOnlyTheRecordsThatSucceeded()
    {
        var queue = await fauxqs.CreateQueueAsync("partial", visibilityTimeoutSeconds: 1, maxReceiveCount: 5);
        await fauxqs.Sqs.SendMessageBatchAsync(
            queue.Url,
            [
                new("1", """{"id":"good-1"}"""),
                new("2", """{"id":"bad","fail":true}"""),
                new("3", """{"id":"good-2"}"""),
            ],
            Ct);

        var result = await Poller(queue, TestQueueOperation(), batchSize: 10).PollOnceAsync(Ct);

        Assert.Equal(new PollResult(Received: 3, Deleted: 2), result);
        var again = await ReceiveUntilAsync(queue.Url);
        Assert.Equal("""{"id":"bad","fail":true}""", again.Body);
        Assert.Equal("2", again.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task PollOnce_WithoutReportBatchItemFailures_ASuccessfulInvocationDeletesTheWholeBatch()
    {
        // As in Lambda: the response is ignored unless the mapping has ReportBatchItemFailures.
        var queue = await fauxqs.CreateQueueAsync("whole");
        await fauxqs.Sqs.SendMessageBatchAsync(queue.Url, [new("1", """{"id":"x"}"""), new("2", """{"id":"y","fail":true}""")], Ct);

        var result = await Poller(queue, TestQueueOperation(), reportBatchItemFailures: false, batchSize: 10).PollOnceAsync(Ct);

        Assert.Equal(new PollResult(Received: 2, Deleted: 2), result);
        Assert.Equal(0, await fauxqs.CountAsync(queue.Url));
    }

    [Fact]
    public async Task PollOnce_WhenTheInvocationFails_DeletesNothing()
    {
        var queue = await fauxqs.CreateQueueAsync("throws", visibilityTimeoutSeconds: 30);
        await fauxqs.Sqs.SendMessageAsync(queue.Url, """{"id":"z"}""", Ct);

        var result = await Poller(queue, new ScriptedOperation(_ => throw new InvalidOperationException("crash")), reportBatchItemFailures: false).PollOnceAsync(Ct);

        Assert.Equal(new PollResult(Received: 1, Deleted: 0), result);
        Assert.Equal(1, await fauxqs.CountAsync(queue.Url));
    }

    [Theory]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":"not-in-this-batch"}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":""}]}""")]
    [InlineData("""{"batchItemFailures":"all"}""")]
    [InlineData("not json")]
    public async Task PollOnce_WhenTheBatchResponseIsInvalid_TreatsTheWholeBatchAsFailed(string response)
    {
        var queue = await fauxqs.CreateQueueAsync("invalid", visibilityTimeoutSeconds: 30);
        await fauxqs.Sqs.SendMessageAsync(queue.Url, """{"id":"q"}""", Ct);

        var result = await Poller(queue, new ScriptedOperation(_ => response)).PollOnceAsync(Ct);

        Assert.Equal(new PollResult(Received: 1, Deleted: 0), result);
    }

    [Fact]
    public async Task PollOnce_HandsTheOperationTheDocumentedSqsEvent()
    {
        var queue = await fauxqs.CreateQueueAsync("shape", fifo: true);
        await fauxqs.Sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = queue.Url,
                MessageBody = """{"id":"shape"}""",
                MessageGroupId = "event-1",
                MessageAttributes = new() { ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "test" } },
            },
            Ct);
        string? seen = null;

        await Poller(queue, new ScriptedOperation(json => { seen = json; return """{"batchItemFailures":[]}"""; })).PollOnceAsync(Ct);

        Assert.NotNull(seen);
        using var document = JsonDocument.Parse(seen);
        var record = Assert.Single(document.RootElement.GetProperty("Records").EnumerateArray().ToList());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("messageId").GetString()));
        Assert.False(string.IsNullOrEmpty(record.GetProperty("receiptHandle").GetString()));
        Assert.Equal("""{"id":"shape"}""", record.GetProperty("body").GetString());
        var attributes = record.GetProperty("attributes");
        Assert.Equal("1", attributes.GetProperty("ApproximateReceiveCount").GetString());
        Assert.True(long.Parse(attributes.GetProperty("SentTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("event-1", attributes.GetProperty("MessageGroupId").GetString());
        var kind = record.GetProperty("messageAttributes").GetProperty("kind");
        Assert.Equal("test", kind.GetProperty("stringValue").GetString());
        Assert.Equal("String", kind.GetProperty("dataType").GetString());
        Assert.Equal(JsonValueKind.Array, kind.GetProperty("stringListValues").ValueKind);
#pragma warning disable CA5351 // SQS's own checksum of the body is MD5.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("""{"id":"shape"}"""u8)), record.GetProperty("md5OfBody").GetString());
#pragma warning restore CA5351
        Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
        Assert.Equal(queue.Arn, record.GetProperty("eventSourceARN").GetString());
        Assert.Equal(LocalAwsServers.Region, record.GetProperty("awsRegion").GetString());

        // The real SQS event contract of the hosting layer reads it back.
        var parsed = JsonSerializer.Deserialize(seen, LambdaJsonContext.Default.SqsEvent)!;
        Assert.Equal("event-1", Assert.Single(parsed.Records).Attributes["MessageGroupId"]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private QueuePoller Poller(QueueUnderTest queue, BackgroundOperation operation, bool reportBatchItemFailures = true, int batchSize = 10, int waitTimeSeconds = 1)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_handler)
            .BuildServiceProvider();
        var subscription = new QueueSubscription("TestConsumerFunction", operation, queue.Url, queue.Arn, batchSize, reportBatchItemFailures, TimeSpan.FromSeconds(10));
        return new QueuePoller(fauxqs.Sqs, services, subscription, LocalAwsServers.Region, NullLogger.Instance, waitTimeSeconds);
    }

    private async Task<Message> ReceiveUntilAsync(string queueUrl)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var received = await fauxqs.Sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["All"] },
                timeout.Token);
            if (received.Messages is [var message, ..])
            {
                return message;
            }
        }
    }

    private static BackgroundOperation TestQueueOperation() =>
        BackgroundOperation.Queue<RecordingHandler, TestMessage>(
            "OnTestMessage", () => (JsonTypeInfo<TestMessage>)JsonSerializerOptions.Web.GetTypeInfo(typeof(TestMessage)));

    public sealed record TestMessage(string Id, bool Fail);

    /// <summary>Records every message it sees; throws for the ones marked to fail.</summary>
    public sealed class RecordingHandler : ISqsMessageHandler<TestMessage>
    {
        public ConcurrentQueue<(string Id, int ReceiveCount)> Handled { get; } = new();

        public Task HandleAsync(TestMessage message, SqsMessageContext context, CancellationToken ct)
        {
            Handled.Enqueue((message.Id, context.ApproximateReceiveCount));
            return message.Fail ? throw new InvalidOperationException($"{message.Id} was told to fail") : Task.CompletedTask;
        }
    }

    /// <summary>A queue operation whose response (or exception) the test writes.</summary>
    private sealed class ScriptedOperation(Func<string, string> respond) : BackgroundOperation("Scripted", BackgroundOperationKind.Queue)
    {
        public override Task<string> InvokeAsync(IServiceProvider services, string eventJson, LambdaInvocation invocation) =>
            Task.FromResult(respond(eventJson));
    }
}
