using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitcoinEvents.Lambda;

/// <summary>
/// Runs an SQS batch one record at a time, each in its own DI scope, and reports the records
/// that failed. On a FIFO queue it stops at the first failure: that record and every record after
/// it are reported, so the order within the batch is kept.
/// </summary>
internal sealed class QueueOperation<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler,
    TMessage> : BackgroundOperation
    where THandler : class, ISqsMessageHandler<TMessage>
{
    // Built on the first message, not when the area's operations are listed: every function of
    // the area lists them all at start, and a JSON context's first type info costs its options.
    private readonly Lazy<JsonTypeInfo<TMessage>> _messageType;

    public QueueOperation(string name, Func<JsonTypeInfo<TMessage>> messageType)
        : base(name, BackgroundOperationKind.Queue)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        _messageType = new(messageType);
    }

    public override async Task<string> InvokeAsync(IServiceProvider services, string eventJson, LambdaInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(invocation);
        var sqsEvent = JsonSerializer.Deserialize(eventJson, LambdaJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The event is not an SQS event.");
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger<THandler>() ?? (ILogger)NullLogger.Instance;

        var failures = new List<SqsBatchItemFailure>();
        var stopped = false;
        foreach (var record in sqsEvent.Records)
        {
            if (stopped)
            {
                LambdaLog.SqsMessageSkipped(logger, record.MessageId);
                failures.Add(new SqsBatchItemFailure { ItemIdentifier = record.MessageId });
                continue;
            }

            if (await TryHandleAsync(services, record, invocation, logger))
            {
                continue;
            }

            failures.Add(new SqsBatchItemFailure { ItemIdentifier = record.MessageId });
            // Past the deadline nothing else can be handled; on a FIFO queue nothing may be
            // handled out of order. Either way the rest of the batch goes back to the queue.
            stopped = IsFifo(record) || invocation.CancellationToken.IsCancellationRequested;
        }

        var response = new SqsBatchResponse { BatchItemFailures = failures };
        return JsonSerializer.Serialize(response, LambdaJsonContext.Wire.SqsBatchResponse);
    }

    private async Task<bool> TryHandleAsync(IServiceProvider services, SqsMessage record, LambdaInvocation invocation, ILogger logger)
    {
        var receiveCount = ReceiveCount(record);
        try
        {
            invocation.CancellationToken.ThrowIfCancellationRequested();
            var message = JsonSerializer.Deserialize(record.Body, _messageType.Value)
                ?? throw new JsonException("The message body is JSON null.");

            await using var scope = services.CreateAsyncScope();
            var handler = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(scope.ServiceProvider);
            var context = new SqsMessageContext
            {
                MessageId = record.MessageId,
                ReceiptHandle = record.ReceiptHandle,
                Attributes = record.Attributes,
                MessageAttributes = record.MessageAttributes,
                ApproximateReceiveCount = receiveCount,
                MessageGroupId = record.Attributes.GetValueOrDefault("MessageGroupId"),
                EventSourceArn = record.EventSourceArn,
                Invocation = invocation,
            };
            await handler.HandleAsync(message, context, invocation.CancellationToken);
            return true;
        }
#pragma warning disable CA1031 // Any failure of one record is that record's failure, not the batch's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The exception, never the body: bodies carry personal and payment data.
            LambdaLog.SqsMessageFailed(logger, exception, record.MessageId, receiveCount);
            return false;
        }
    }

    private static bool IsFifo(SqsMessage record) =>
        record.EventSourceArn.EndsWith(".fifo", StringComparison.Ordinal);

    private static int ReceiveCount(SqsMessage record) =>
        record.Attributes.TryGetValue("ApproximateReceiveCount", out var value)
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
}
