namespace BitcoinEvents.Lambda;

/// <summary>Handles one message of an SQS queue. Must be idempotent: SQS delivers at least once.</summary>
public interface ISqsMessageHandler<in TMessage>
{
    /// <summary>Handles one message; an exception reports the message as a batch item failure.</summary>
    Task HandleAsync(TMessage message, SqsMessageContext context, CancellationToken ct);
}
