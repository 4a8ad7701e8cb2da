using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes NotificationsQueue, one message at a time; must be idempotent (SQS delivers at least once).</summary>
public sealed partial class OnNotificationsRequested(ILogger<OnNotificationsRequested> logger) : ISqsMessageHandler<NotificationsRequested>
{
    public const string Name = nameof(OnNotificationsRequested);

    public Task HandleAsync(NotificationsRequested message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Id);
        LogHandled(logger, message.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled request {Id}")]
    private static partial void LogHandled(ILogger logger, string id);
}
