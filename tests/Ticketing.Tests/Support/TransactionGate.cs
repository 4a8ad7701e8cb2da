using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ticketing.Tests.Support;

/// <summary>
/// A real DynamoDB client whose next TransactWriteItems matching a test's predicate waits at a
/// gate until released: it keeps one write in flight, deterministically and without sleeps, while
/// the test lets something else happen first (a race decided by the write's conditions).
/// </summary>
public class TransactionGate : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;
    private Func<TransactWriteItemsRequest, bool>? _matches;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TransactionGate Create(IAmazonDynamoDB inner)
    {
        var proxy = Create<IAmazonDynamoDB, TransactionGate>();
        var gate = (TransactionGate)(object)proxy;
        gate._inner = inner;
        return gate;
    }

    public IAmazonDynamoDB Client => (IAmazonDynamoDB)(object)this;

    /// <summary>Completes when the held transaction has reached the gate.</summary>
    public Task Entered => _entered.Task;

    /// <summary>The next transaction for which <paramref name="matches"/> is true waits at the gate.</summary>
    public void HoldNext(Func<TransactWriteItemsRequest, bool> matches)
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _matches, matches);
    }

    public void Release() => _released.TrySetResult();

    /// <summary>Whether the transaction puts an item whose partition key starts with <paramref name="prefix"/> and whose <paramref name="attribute"/> is <paramref name="value"/>.</summary>
    public static bool Puts(TransactWriteItemsRequest request, string prefix, string attribute, string value) =>
        request.TransactItems.Any(i => i.Put is { } put
            && put.Item.TryGetValue("pk", out var pk) && pk.S?.StartsWith(prefix, StringComparison.Ordinal) == true
            && put.Item.TryGetValue(attribute, out var a) && a.S == value);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.TransactWriteItemsAsync)
            && args is [TransactWriteItemsRequest request, CancellationToken ct]
            && Volatile.Read(ref _matches) is { } matches
            && matches(request)
            && Interlocked.CompareExchange(ref _matches, null, matches) == matches)
        {
            return HeldAsync(request, ct);
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

    private async Task<TransactWriteItemsResponse> HeldAsync(TransactWriteItemsRequest request, CancellationToken ct)
    {
        _entered.TrySetResult();
        await _released.Task.WaitAsync(ct);
        return await _inner.TransactWriteItemsAsync(request, ct);
    }
}
