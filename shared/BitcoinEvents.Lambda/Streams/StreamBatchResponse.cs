namespace BitcoinEvents.Lambda;

/// <summary>
/// The partial batch response of a stream consumer (<c>FunctionResponseTypes:
/// [ReportBatchItemFailures]</c>): each failure names a record's <c>SequenceNumber</c>; Lambda
/// resumes the shard from the lowest one reported, so every record before it counts as done.
/// </summary>
public sealed class StreamBatchResponse
{
    public IReadOnlyList<StreamBatchItemFailure> BatchItemFailures { get; init; } = [];
}

/// <summary>One failed record, identified by its sequence number.</summary>
public sealed class StreamBatchItemFailure
{
    public required string ItemIdentifier { get; init; }
}
