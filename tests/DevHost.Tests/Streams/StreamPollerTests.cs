using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.DevHost.Streams;
using BitcoinEvents.Lambda;
using DevHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHost.Tests.Streams;

/// <summary>The stream poller against a real DynamoDB Local table stream, with a test-only stream operation.</summary>
public sealed class StreamPollerTests(LocalPlatformFixture platform) : IClassFixture<LocalPlatformFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PollOnce_HandsTheRecordsInOrder_AsTheDocumentedStreamEvent()
    {
        var table = await CreateTableAsync();
        var poller = Poller(table, "TRIM_HORIZON");
        await PutAsync(table, "a", "b", "c");

        var handled = await PollUntilAsync(poller, () => Recorder.Keys(table).Count >= 3);

        Assert.Equal(["a", "b", "c"], Recorder.Keys(table));
        var record = Recorder.Records[table.Name][0];
        Assert.Equal(DynamoDbStreamEventNames.Insert, record.EventName);
        Assert.Equal(table.StreamArn, record.EventSourceArn);
        Assert.Equal("aws:dynamodb", record.EventSource);
        Assert.Equal("a", record.Change.NewImage!["pk"].S);
        Assert.False(string.IsNullOrEmpty(record.Change.SequenceNumber));
        Assert.Equal(0, handled.Failed);
    }

    [Fact]
    public async Task APartialBatchFailure_IsRetriedFromTheFailedRecord_AndNothingBeforeItIsHandledAgain()
    {
        var table = await CreateTableAsync();
        var poller = Poller(table, "TRIM_HORIZON");
        await PutAsync(table, "a", "b", "fail-once", "d");

        await PollUntilAsync(poller, () => Recorder.Keys(table).Contains("d"));

        Assert.Equal(["a", "b", "fail-once", "fail-once", "d"], Recorder.Keys(table));
    }

    [Fact]
    public async Task ARecordThatKeepsFailing_IsSkippedAfterMaximumRetryAttempts()
    {
        var table = await CreateTableAsync();
        var poller = Poller(table, "TRIM_HORIZON", maximumRetryAttempts: 1);
        await PutAsync(table, "fail-always");
        await PollUntilAsync(poller, () => Recorder.Keys(table).Count >= 2);

        await PutAsync(table, "after");
        await PollUntilAsync(poller, () => Recorder.Keys(table).Contains("after"));

        Assert.Equal(["fail-always", "fail-always", "after"], Recorder.Keys(table));
    }

    [Fact]
    public async Task Latest_StartsAfterWhatTheStreamAlreadyHolds()
    {
        var table = await CreateTableAsync();
        await PutAsync(table, "before");
        var poller = Poller(table, "LATEST");
        await poller.PollOnceAsync(Ct);

        await PutAsync(table, "after");
        await PollUntilAsync(poller, () => Recorder.Keys(table).Count >= 1);

        Assert.Equal(["after"], Recorder.Keys(table));
    }

    [Fact]
    public async Task AStreamEmptyWhenPollingStarts_IsReadOnceRecordsArrive()
    {
        var table = await CreateTableAsync();
        var poller = Poller(table, "TRIM_HORIZON");
        Assert.Equal(new StreamPollResult(0, 0), await poller.PollOnceAsync(Ct));
        Assert.Equal(new StreamPollResult(0, 0), await poller.PollOnceAsync(Ct));

        await PutAsync(table, "first");
        await PollUntilAsync(poller, () => Recorder.Keys(table).Count >= 1);

        Assert.Equal(["first"], Recorder.Keys(table));
    }

    [Fact]
    public void FirstFailedIndex_ReadsTheLowestReportedRecord_AndRefusesUnknownIdentifiers()
    {
        System.Text.Json.Nodes.JsonObject Record(string sequence) => new() { ["dynamodb"] = new System.Text.Json.Nodes.JsonObject { ["SequenceNumber"] = sequence } };
        var records = new[] { Record("100"), Record("200"), Record("300") };

        Assert.Null(StreamPoller.FirstFailedIndex("""{"batchItemFailures":[]}""", records));
        Assert.Null(StreamPoller.FirstFailedIndex("", records));
        Assert.Equal(1, StreamPoller.FirstFailedIndex("""{"batchItemFailures":[{"itemIdentifier":"300"},{"itemIdentifier":"200"}]}""", records));
        Assert.Equal(-1, StreamPoller.FirstFailedIndex("""{"batchItemFailures":[{"itemIdentifier":"999"}]}""", records));
        Assert.Equal(-1, StreamPoller.FirstFailedIndex("""{"batchItemFailures":[{"itemIdentifier":""}]}""", records));
        Assert.Equal(-1, StreamPoller.FirstFailedIndex("not json", records));
    }

    public sealed record TestTable(string Name, string StreamArn);

    private async Task<TestTable> CreateTableAsync()
    {
        using var dynamo = platform.Local.Servers.CreateDynamoDbClient();
        var name = "stream-" + Guid.NewGuid().ToString("N");
        var created = await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH)],
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
        }, Ct);
        return new TestTable(name, created.TableDescription.LatestStreamArn);
    }

    private async Task PutAsync(TestTable table, params string[] keys)
    {
        using var dynamo = platform.Local.Servers.CreateDynamoDbClient();
        foreach (var key in keys)
        {
            await dynamo.PutItemAsync(table.Name, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = key }, ["table"] = new() { S = table.Name } }, Ct);
        }
    }

    private StreamPoller Poller(TestTable table, string startingPosition, int? maximumRetryAttempts = null)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var subscription = new StreamSubscription(
            "RecordFunction",
            BackgroundOperation.Stream<Recorder>("Record"),
            "TestTable",
            table.StreamArn,
            startingPosition,
            BatchSize: 10,
            ReportBatchItemFailures: true,
            maximumRetryAttempts,
            TimeSpan.FromSeconds(10));
        return new StreamPoller(platform.Local.Servers.CreateDynamoDbStreams(), services, subscription, "us-east-1", NullLogger.Instance);
    }

    /// <summary>Polls until the condition holds or a deadline passes (no fixed waits).</summary>
    private static async Task<StreamPollResult> PollUntilAsync(StreamPoller poller, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var total = new StreamPollResult(0, 0);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The poller did not get there within 30 s.");
            var result = await poller.PollOnceAsync(Ct);
            total = new StreamPollResult(total.Received + result.Received, total.Failed + result.Failed);
            if (result.Received == 0)
            {
                await Task.Delay(50, Ct);
            }
        }

        return total;
    }

    /// <summary>Records every record by its table; fails "fail-once" the first time and "fail-always" every time.</summary>
    public sealed class Recorder : IDynamoDbStreamRecordHandler
    {
        public static ConcurrentDictionary<string, List<DynamoDbStreamRecord>> Records { get; } = new();

        private static readonly ConcurrentDictionary<string, bool> FailedOnce = new();

        public static List<string> Keys(TestTable table) =>
            Records.TryGetValue(table.Name, out var records) ? [.. records.Select(r => r.Change.Keys["pk"].S!)] : [];

        public Task HandleAsync(DynamoDbStreamRecord record, DynamoDbStreamRecordContext context, CancellationToken ct)
        {
            var table = record.Change.NewImage!["table"].S!;
            var key = record.Change.Keys["pk"].S!;
            Records.GetOrAdd(table, _ => []).Add(record);
            if (key == "fail-always" || (key == "fail-once" && FailedOnce.TryAdd(table, true)))
            {
                throw new InvalidOperationException($"{key} fails.");
            }

            return Task.CompletedTask;
        }
    }
}
