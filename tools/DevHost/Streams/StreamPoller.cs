using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Streams;

/// <summary>One DynamoDB event source mapping of template.yaml, resolved to a local table stream and an area's operation.</summary>
internal sealed record StreamSubscription(
    string FunctionLogicalId,
    BackgroundOperation Operation,
    string TableLogicalId,
    string StreamArn,
    string StartingPosition,
    int BatchSize,
    bool ReportBatchItemFailures,
    int? MaximumRetryAttempts,
    TimeSpan Timeout);

/// <summary>What one pass over the shards did.</summary>
internal readonly record struct StreamPollResult(int Received, int Failed);

/// <summary>
/// Imitates Lambda's DynamoDB event source mapping for one table stream on DynamoDB Local: reads
/// every shard (a child only once its parent is read to its end), hands each batch to the
/// operation as the documented stream event (the records GetRecords returns, each with
/// <c>eventSourceARN</c>), and moves on only past what succeeded. With ReportBatchItemFailures the
/// shard resumes at the lowest sequence number reported; a failed invocation (or, without
/// ReportBatchItemFailures, any failure) retries the whole batch. After MaximumRetryAttempts
/// retries of one batch the failed records are skipped, with an error in the log (Lambda would
/// send their positions to the on-failure destination).
/// </summary>
internal sealed partial class StreamPoller(
    LocalDynamoDbStreams streams,
    IServiceProvider services,
    StreamSubscription subscription,
    string region,
    ILogger logger)
{
    /// <summary>DynamoDB Streams returns at most 1,000 records per GetRecords.</summary>
    private const int MaxRecordsPerRead = 1000;

    private readonly Dictionary<string, ShardState> _shards = new(StringComparer.Ordinal);

    public StreamSubscription Subscription => subscription;

    /// <summary>How long to wait when no shard had records (Lambda polls a shard about four times a second).</summary>
    public TimeSpan IdleDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait before retrying a failed batch.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Polls until <paramref name="stoppingToken"/> is cancelled; a failing call is logged and retried.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var result = await PollOnceAsync(stoppingToken);
                delay = result.Failed > 0 ? RetryDelay : result.Received > 0 ? TimeSpan.Zero : IdleDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A poller outlives any one failure, as Lambda's does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, exception, subscription.FunctionLogicalId, subscription.TableLogicalId);
                delay = RetryDelay;
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Finds new shards, then reads one batch from each readable shard and invokes the operation with it.</summary>
    public async Task<StreamPollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        await DiscoverShardsAsync(cancellationToken);
        var received = 0;
        var failed = 0;
        foreach (var shard in _shards.Values.Where(s => !s.Finished && IsReadable(s)).ToList())
        {
            var (count, failures) = await ReadShardAsync(shard, cancellationToken);
            received += count;
            failed += failures;
        }

        return new StreamPollResult(received, failed);
    }

    private bool IsReadable(ShardState shard) =>
        shard.ParentShardId is null || !_shards.TryGetValue(shard.ParentShardId, out var parent) || parent.Finished;

    private async Task DiscoverShardsAsync(CancellationToken cancellationToken)
    {
        foreach (var shard in await streams.DescribeStreamAsync(subscription.StreamArn, cancellationToken))
        {
            if (!_shards.ContainsKey(shard.ShardId))
            {
                // A child of a shard this poller read starts at its beginning; a shard found at the
                // start starts where the mapping says.
                var position = shard.ParentShardId is not null && _shards.ContainsKey(shard.ParentShardId) ? "TRIM_HORIZON" : subscription.StartingPosition;
                _shards[shard.ShardId] = new ShardState(shard.ShardId, shard.ParentShardId, position);
            }
        }
    }

    private async Task<(int Received, int Failed)> ReadShardAsync(ShardState shard, CancellationToken cancellationToken)
    {
        shard.Iterator ??= await IteratorAsync(shard, cancellationToken);
        LocalStreamRecords page;
        try
        {
            page = await streams.GetRecordsAsync(shard.Iterator, Math.Clamp(subscription.BatchSize, 1, MaxRecordsPerRead), cancellationToken);
        }
        catch (LocalStreamsException exception) when (IsStaleIterator(exception))
        {
            // An iterator expires after 15 minutes; DynamoDB Local also refuses a TRIM_HORIZON
            // iterator taken while the shard was empty. Either way: a fresh one from the checkpoint.
            shard.Iterator = null;
            return (0, 0);
        }

        if (page.Records.Count == 0)
        {
            shard.Iterator = page.NextShardIterator;
            shard.Finished = page.NextShardIterator is null;
            return (0, 0);
        }

        var records = page.Records;
        var firstFailed = await InvokeAsync(records);
        if (firstFailed is null)
        {
            shard.Attempts = 0;
            shard.Checkpoint = SequenceNumber(records[^1]);
            shard.Iterator = page.NextShardIterator;
            shard.Finished = page.NextShardIterator is null;
            return (records.Count, 0);
        }

        var failedCount = records.Count - firstFailed.Value;
        shard.Checkpoint = firstFailed.Value > 0 ? SequenceNumber(records[firstFailed.Value - 1]) : shard.Checkpoint;
        shard.Attempts = firstFailed.Value > 0 ? 1 : shard.Attempts + 1;
        if (subscription.MaximumRetryAttempts is { } max && shard.Attempts > max)
        {
            LogGaveUp(logger, subscription.Operation.Name, failedCount, SequenceNumber(records[firstFailed.Value]), SequenceNumber(records[^1]), shard.Attempts);
            shard.Attempts = 0;
            shard.Checkpoint = SequenceNumber(records[^1]);
            shard.Iterator = page.NextShardIterator;
            shard.Finished = page.NextShardIterator is null;
            return (records.Count, failedCount);
        }

        LogRetrying(logger, subscription.Operation.Name, failedCount, records.Count, SequenceNumber(records[firstFailed.Value]));
        shard.Iterator = await streams.GetShardIteratorAsync(subscription.StreamArn, shard.ShardId, "AT_SEQUENCE_NUMBER", SequenceNumber(records[firstFailed.Value]), cancellationToken);
        return (records.Count, failedCount);
    }

    private static bool IsStaleIterator(LocalStreamsException exception) =>
        exception.Body.Contains("ExpiredIteratorException", StringComparison.Ordinal)
        || exception.Body.Contains("TrimmedDataAccessException", StringComparison.Ordinal);

    private Task<string> IteratorAsync(ShardState shard, CancellationToken cancellationToken) =>
        shard.Checkpoint is { } checkpoint
            ? streams.GetShardIteratorAsync(subscription.StreamArn, shard.ShardId, "AFTER_SEQUENCE_NUMBER", checkpoint, cancellationToken)
            : streams.GetShardIteratorAsync(subscription.StreamArn, shard.ShardId, shard.StartingPosition, cancellationToken: cancellationToken);

    /// <summary>Invokes the operation with the batch; the index of the first record to retry, or null when all succeeded.</summary>
    private async Task<int?> InvokeAsync(IReadOnlyList<JsonObject> records)
    {
        var operation = subscription.Operation;
        using var invocation = new LambdaInvocation(
            Guid.NewGuid().ToString(),
            DateTimeOffset.UtcNow + subscription.Timeout,
            $"arn:aws:lambda:{region}:{LocalAwsServers.AccountId}:function:{subscription.FunctionLogicalId}");
        string response;
        try
        {
            response = await operation.InvokeAsync(services, BuildEvent(records, subscription.StreamArn, region), invocation);
        }
#pragma warning disable CA1031 // A failed invocation retries the whole batch, as in Lambda.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogInvocationFailed(logger, exception, operation.Name, records.Count);
            return 0;
        }

        if (!subscription.ReportBatchItemFailures)
        {
            return null;
        }

        var index = FirstFailedIndex(response, records);
        if (index == -1)
        {
            LogInvalidBatchResponse(logger, operation.Name, records.Count);
            return 0;
        }

        return index;
    }

    /// <summary>The documented stream event: the records as DynamoDB Streams returns them, each with the stream's ARN.</summary>
    internal static string BuildEvent(IReadOnlyList<JsonObject> records, string streamArn, string region)
    {
        var array = new JsonArray();
        foreach (var record in records)
        {
            var copy = (JsonObject)record.DeepClone();
            copy["eventSourceARN"] = streamArn;
            if (copy["awsRegion"] is null)
            {
                copy["awsRegion"] = region;
            }

            array.Add(copy);
        }

        return new JsonObject { ["Records"] = array }.ToJsonString();
    }

    /// <summary>
    /// The position of the record with the lowest sequence number in <c>batchItemFailures</c>; null
    /// when none is reported; -1 when the response is not a valid partial batch response (an
    /// identifier that is empty or names no record of the batch), which Lambda treats as a failure
    /// of the whole batch.
    /// </summary>
    internal static int? FirstFailedIndex(string response, IReadOnlyList<JsonObject> records)
    {
        if (string.IsNullOrWhiteSpace(response))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("batchItemFailures", out var failures)
                || failures.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (failures.ValueKind != JsonValueKind.Array)
            {
                return -1;
            }

            var positions = records.Select((r, i) => (Sequence: SequenceNumber(r), Index: i)).ToDictionary(p => p.Sequence, p => p.Index, StringComparer.Ordinal);
            int? first = null;
            foreach (var failure in failures.EnumerateArray())
            {
                if (failure.ValueKind != JsonValueKind.Object
                    || !failure.TryGetProperty("itemIdentifier", out var id)
                    || id.ValueKind != JsonValueKind.String
                    || !positions.TryGetValue(id.GetString()!, out var index))
                {
                    return -1;
                }

                first = first is null ? index : Math.Min(first.Value, index);
            }

            return first;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    private static string SequenceNumber(JsonObject record) =>
        record["dynamodb"]?["SequenceNumber"]?.GetValue<string>() ?? throw new InvalidDataException("A stream record has no dynamodb.SequenceNumber.");

    private sealed class ShardState(string shardId, string? parentShardId, string startingPosition)
    {
        public string ShardId { get; } = shardId;

        public string? ParentShardId { get; } = parentShardId;

        public string StartingPosition { get; } = startingPosition;

        public string? Iterator { get; set; }

        /// <summary>The last sequence number done with (succeeded or given up on).</summary>
        public string? Checkpoint { get; set; }

        public int Attempts { get; set; }

        public bool Finished { get; set; }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Reading the stream of {TableLogicalId} for {FunctionLogicalId} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string functionLogicalId, string tableLogicalId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "{Operation} failed; its batch of {Count} stream records is retried")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string operation, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "{Operation} returned an invalid batchItemFailures response; its batch of {Count} stream records is retried")]
    private static partial void LogInvalidBatchResponse(ILogger logger, string operation, int count);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Operation} failed {Failed} of {Count} stream records; retrying from sequence number {SequenceNumber}")]
    private static partial void LogRetrying(ILogger logger, string operation, int failed, int count, string sequenceNumber);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "{Operation} still failed after {Attempts} attempts: skipping {Count} stream records, sequence numbers {First} to {Last} (in AWS they go to the on-failure destination)")]
    private static partial void LogGaveUp(ILogger logger, string operation, int count, string first, string last, int attempts);
}
