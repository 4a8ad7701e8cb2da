using BitcoinEvents.Outbox.Contracts;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Outbox.Operations;

/// <summary>Consumes OutboxQueue, one message at a time; must be idempotent (SQS delivers at least once).</summary>
public sealed partial class OnOutboxRequested(ILogger<OnOutboxRequested> logger) : ISqsMessageHandler<OutboxRequested>
{
    public const string Name = nameof(OnOutboxRequested);

    public Task HandleAsync(OutboxRequested message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Id);
        LogHandled(logger, message.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled request {Id}")]
    private static partial void LogHandled(ILogger logger, string id);
}
