using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitcoinEvents.Lambda;

/// <summary>
/// Runs a DynamoDB stream batch one record at a time, in order, each in its own DI scope. Order
/// within a shard matters, so the first failure stops the batch: that record and every later one
/// are reported by sequence number and Lambda retries from the failed record. The same happens
/// when the deadline passes before a record is handled.
/// </summary>
internal sealed class StreamOperation<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(string name)
    : BackgroundOperation(name, BackgroundOperationKind.Stream)
    where THandler : class, IDynamoDbStreamRecordHandler
{
    public override async Task<string> InvokeAsync(IServiceProvider services, string eventJson, LambdaInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(invocation);
        var streamEvent = JsonSerializer.Deserialize(eventJson, StreamJsonContext.Default.DynamoDbStreamEvent)
            ?? throw new JsonException("The event is not a DynamoDB stream event.");
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger<THandler>() ?? (ILogger)NullLogger.Instance;

        var records = streamEvent.Records;
        var failures = new List<StreamBatchItemFailure>();
        for (var i = 0; i < records.Count; i++)
        {
            if (failures.Count > 0)
            {
                LambdaLog.StreamRecordSkipped(logger, records[i].Change.SequenceNumber);
                failures.Add(new StreamBatchItemFailure { ItemIdentifier = records[i].Change.SequenceNumber });
                continue;
            }

            if (!await TryHandleAsync(services, records[i], i, records.Count, invocation, logger))
            {
                failures.Add(new StreamBatchItemFailure { ItemIdentifier = records[i].Change.SequenceNumber });
            }
        }

        var response = new StreamBatchResponse { BatchItemFailures = failures };
        return JsonSerializer.Serialize(response, StreamJsonContext.Wire.StreamBatchResponse);
    }

    private static async Task<bool> TryHandleAsync(
        IServiceProvider services, DynamoDbStreamRecord record, int index, int count, LambdaInvocation invocation, ILogger logger)
    {
        try
        {
            invocation.CancellationToken.ThrowIfCancellationRequested();
            await using var scope = services.CreateAsyncScope();
            var handler = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(scope.ServiceProvider);
            var context = new DynamoDbStreamRecordContext { Index = index, BatchSize = count, Invocation = invocation };
            await handler.HandleAsync(record, context, invocation.CancellationToken);
            return true;
        }
#pragma warning disable CA1031 // Any failure of one record is that record's failure, not the invocation's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The exception and the record's position, never its images: items carry personal data.
            LambdaLog.StreamRecordFailed(logger, exception, record.Change.SequenceNumber, record.EventName);
            return false;
        }
    }
}
