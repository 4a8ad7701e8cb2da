namespace BitcoinEvents.Lambda;

/// <summary>
/// The partial batch response (<c>FunctionResponseTypes: [ReportBatchItemFailures]</c>):
/// the records listed here return to the queue, the others are deleted.
/// </summary>
public sealed class SqsBatchResponse
{
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}
