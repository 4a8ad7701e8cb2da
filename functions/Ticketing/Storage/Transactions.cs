using Amazon.DynamoDBv2.Model;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>What DynamoDB's transactions allow, and how to read why one was cancelled.</summary>
internal static class Transactions
{
    /// <summary>At most this many items in one TransactWriteItems.</summary>
    public const int MaxItems = 100;

    /// <summary>
    /// True when the transaction lost a race: a condition found the data changed, or another
    /// transaction held an item. Re-read and decide again. Anything else (throttling, validation) is not.
    /// </summary>
    public static bool IsRaceLost(TransactionCanceledException cancelled) =>
        cancelled.CancellationReasons is { Count: > 0 } reasons
        && reasons.All(r => r.Code is null or "None" or "ConditionalCheckFailed" or "TransactionConflict")
        && reasons.Any(r => r.Code is "ConditionalCheckFailed" or "TransactionConflict");
}
