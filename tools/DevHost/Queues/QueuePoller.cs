using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Queues;

/// <summary>One SQS event source mapping of template.yaml, resolved to a local queue and an area's operation.</summary>
internal sealed record QueueSubscription(
    string FunctionLogicalId,
    BackgroundOperation Operation,
    string QueueUrl,
    string QueueArn,
    int BatchSize,
    bool ReportBatchItemFailures,
    TimeSpan Timeout);

/// <summary>What one receive did.</summary>
internal readonly record struct PollResult(int Received, int Deleted);

/// <summary>
/// Imitates Lambda's SQS event source mapping for one queue: long-polls, hands the batch to the
/// operation as the documented SQS event, then deletes what succeeded. With
/// ReportBatchItemFailures only the records missing from <c>batchItemFailures</c> are deleted;
/// without it nothing is deleted unless the whole invocation succeeded. Whatever is not deleted
/// becomes visible again after the queue's visibility timeout, so the redrive policy (DLQ after
/// maxReceiveCount) works as in AWS.
/// </summary>
internal sealed partial class QueuePoller(
    IAmazonSQS sqs,
    IServiceProvider services,
    QueueSubscription subscription,
    string region,
    ILogger logger,
    int waitTimeSeconds = 20)
{
    /// <summary>SQS hands out at most ten messages per receive.</summary>
    private const int MaxMessagesPerReceive = 10;

    public QueueSubscription Subscription => subscription;

    /// <summary>Polls until <paramref name="stoppingToken"/> is cancelled; a failing receive is logged and retried.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A poller outlives any one failure, as Lambda's does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                LogPollFailed(logger, exception, subscription.FunctionLogicalId, subscription.QueueUrl);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One long poll, one invocation, the deletes.</summary>
    public async Task<PollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = subscription.QueueUrl,
                MaxNumberOfMessages = Math.Clamp(subscription.BatchSize, 1, MaxMessagesPerReceive),
                WaitTimeSeconds = waitTimeSeconds,
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            },
            cancellationToken);

        var messages = response.Messages ?? [];
        if (messages.Count == 0)
        {
            return new PollResult(0, 0);
        }

        var eventJson = SqsLambdaEvent.Build(messages, subscription.QueueArn, region);
        var succeeded = await InvokeAsync(messages, eventJson);
        if (succeeded.Count > 0)
        {
            await DeleteAsync(succeeded, cancellationToken);
        }

        return new PollResult(messages.Count, succeeded.Count);
    }

    private async Task<IReadOnlyList<Message>> InvokeAsync(List<Message> messages, string eventJson)
    {
        var operation = subscription.Operation;
        using var invocation = new LambdaInvocation(
            Guid.NewGuid().ToString(),
            DateTimeOffset.UtcNow + subscription.Timeout,
            $"arn:aws:lambda:{region}:{LocalAwsServers.AccountId}:function:{subscription.FunctionLogicalId}");
        string response;
        try
        {
            response = await operation.InvokeAsync(services, eventJson, invocation);
        }
#pragma warning disable CA1031 // A failed invocation returns the whole batch to the queue, as in Lambda.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogInvocationFailed(logger, exception, operation.Name, messages.Count);
            return [];
        }

        if (!subscription.ReportBatchItemFailures)
        {
            return messages;
        }

        var failed = FailedMessageIds(response, messages);
        if (failed is null)
        {
            LogInvalidBatchResponse(logger, operation.Name, messages.Count);
            return [];
        }

        if (failed.Count > 0)
        {
            LogBatchItemFailures(logger, operation.Name, failed.Count, messages.Count);
        }

        return messages.Where(m => !failed.Contains(m.MessageId)).ToList();
    }

    /// <summary>
    /// The message ids in <c>batchItemFailures</c>; null when the response is not a valid partial
    /// batch response (Lambda then treats the whole batch as failed).
    /// </summary>
    internal static HashSet<string>? FailedMessageIds(string response, IReadOnlyCollection<Message> messages)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(response))
        {
            return failed;
        }

        try
        {
            using var document = JsonDocument.Parse(response);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("batchItemFailures", out var failures)
                || failures.ValueKind == JsonValueKind.Null)
            {
                return failed;
            }

            if (failures.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            foreach (var failure in failures.EnumerateArray())
            {
                if (failure.ValueKind != JsonValueKind.Object
                    || !failure.TryGetProperty("itemIdentifier", out var id)
                    || id.ValueKind != JsonValueKind.String
                    || !ids.Contains(id.GetString()!))
                {
                    return null;
                }

                failed.Add(id.GetString()!);
            }

            return failed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task DeleteAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        foreach (var chunk in messages.Chunk(MaxMessagesPerReceive))
        {
            var response = await sqs.DeleteMessageBatchAsync(
                new DeleteMessageBatchRequest
                {
                    QueueUrl = subscription.QueueUrl,
                    Entries = chunk.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
                },
                cancellationToken);
            foreach (var failure in response.Failed ?? [])
            {
                LogDeleteFailed(logger, subscription.QueueUrl, failure.Code, failure.Message);
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Receiving from {QueueUrl} for {FunctionLogicalId} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string functionLogicalId, string queueUrl);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "{Operation} failed; its {Count} messages return to the queue after the visibility timeout")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string operation, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Operation} returned an invalid batchItemFailures response; all {Count} messages return to the queue")]
    private static partial void LogInvalidBatchResponse(ILogger logger, string operation, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Operation} reported {Failed} of {Count} messages as failed; they return to the queue")]
    private static partial void LogBatchItemFailures(ILogger logger, string operation, int failed, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Deleting a message from {QueueUrl} failed: {Code} {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string queueUrl, string code, string reason);
}
