using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Operations;

/// <summary>Consumes PaymentsQueue, one message at a time; must be idempotent (SQS delivers at least once).</summary>
public sealed partial class OnPaymentsRequested(ILogger<OnPaymentsRequested> logger) : ISqsMessageHandler<PaymentsRequested>
{
    public const string Name = nameof(OnPaymentsRequested);

    public Task HandleAsync(PaymentsRequested message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Id);
        LogHandled(logger, message.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled request {Id}")]
    private static partial void LogHandled(ILogger logger, string id);
}
