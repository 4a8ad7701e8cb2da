namespace BitcoinEvents.Lambda;

/// <summary>What a stream record handler knows besides the record.</summary>
public sealed class DynamoDbStreamRecordContext
{
    /// <summary>The record's position in the batch (0-based).</summary>
    public int Index { get; init; }

    /// <summary>How many records the batch holds.</summary>
    public int BatchSize { get; init; }

    /// <summary>The Lambda invocation the batch arrived in.</summary>
    public required LambdaInvocation Invocation { get; init; }
}
