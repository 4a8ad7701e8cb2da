namespace BitcoinEvents.Lambda;

/// <summary>What a message handler knows about the SQS record it handles.</summary>
public sealed class SqsMessageContext
{
    public required string MessageId { get; init; }

    /// <summary>The receipt of this delivery: what ChangeMessageVisibility needs to hold the message back (a backoff, a deferral).</summary>
    public string ReceiptHandle { get; init; } = "";

    /// <summary>System attributes (ApproximateReceiveCount, SentTimestamp, MessageGroupId, ...).</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>The sender's message attributes.</summary>
    public required IReadOnlyDictionary<string, SqsMessageAttributeValue> MessageAttributes { get; init; }

    /// <summary>How many times the message has been received, this delivery included.</summary>
    public int ApproximateReceiveCount { get; init; }

    /// <summary>The FIFO message group, or null for a standard queue.</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>The queue's ARN.</summary>
    public string EventSourceArn { get; init; } = "";

    /// <summary>The Lambda invocation the batch arrived in.</summary>
    public required LambdaInvocation Invocation { get; init; }
}
