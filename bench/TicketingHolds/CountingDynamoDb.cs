using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TicketingHolds;

/// <summary>
/// The real DynamoDB client, counting TransactWriteItems calls and why cancelled ones were
/// cancelled: how many transactions a hold took (retries after someone else took the seats or
/// the item was busy) is part of what a bucket count changes.
/// </summary>
public class CountingDynamoDb : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;
    private long _transactions;
    private long _conditionFailed;
    private long _conflicts;

    public static CountingDynamoDb Create(IAmazonDynamoDB inner)
    {
        var proxy = Create<IAmazonDynamoDB, CountingDynamoDb>();
        var counting = (CountingDynamoDb)(object)proxy;
        counting._inner = inner;
        return counting;
    }

    public IAmazonDynamoDB Client => (IAmazonDynamoDB)(object)this;

    public TransactionCounts Take() => new(
        Interlocked.Exchange(ref _transactions, 0), Interlocked.Exchange(ref _conditionFailed, 0), Interlocked.Exchange(ref _conflicts, 0));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.TransactWriteItemsAsync) && args is [TransactWriteItemsRequest request, CancellationToken ct])
        {
            return CountedAsync(request, ct);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private async Task<TransactWriteItemsResponse> CountedAsync(TransactWriteItemsRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref _transactions);
        try
        {
            return await _inner.TransactWriteItemsAsync(request, ct);
        }
        catch (TransactionCanceledException cancelled)
        {
            var reasons = cancelled.CancellationReasons ?? [];
            if (reasons.Any(r => r.Code == "TransactionConflict"))
            {
                Interlocked.Increment(ref _conflicts);
            }
            else if (reasons.Any(r => r.Code == "ConditionalCheckFailed"))
            {
                Interlocked.Increment(ref _conditionFailed);
            }

            throw;
        }
    }
}

/// <summary>TransactWriteItems calls in a measurement, and how many were cancelled by a failed condition or a conflict.</summary>
public sealed record TransactionCounts(long Calls, long ConditionFailed, long Conflicts);
