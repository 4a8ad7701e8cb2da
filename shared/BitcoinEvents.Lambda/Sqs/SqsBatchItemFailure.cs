namespace BitcoinEvents.Lambda;

/// <summary>One failed record of a batch, identified by its message id.</summary>
public sealed class SqsBatchItemFailure
{
    public required string ItemIdentifier { get; init; }
}
