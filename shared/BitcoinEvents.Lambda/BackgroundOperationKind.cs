namespace BitcoinEvents.Lambda;

/// <summary>What triggers a background operation.</summary>
public enum BackgroundOperationKind
{
    /// <summary>An SQS queue (event source mapping with ReportBatchItemFailures).</summary>
    Queue,

    /// <summary>An EventBridge schedule rule.</summary>
    Schedule,

    /// <summary>A DynamoDB stream (event source mapping with ReportBatchItemFailures).</summary>
    Stream,
}
