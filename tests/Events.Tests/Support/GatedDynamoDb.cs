using System.Net;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Events.Tests.Support;

/// <summary>
/// A real DynamoDB client whose PutItem on one table can be held (to keep a request in flight
/// deterministically, without sleeps) or made to fail once (a 5xx).
/// </summary>
public class GatedDynamoDb : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;
    private string _table = null!;
    private TaskCompletionSource? _held;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;

    /// <summary>Completes when a PutItem on the table has reached the gate.</summary>
    public Task Entered => _entered.Task;

    public static GatedDynamoDb Create(IAmazonDynamoDB inner, string table)
    {
        var proxy = Create<IAmazonDynamoDB, GatedDynamoDb>();
        var gate = (GatedDynamoDb)(object)proxy;
        gate._inner = inner;
        gate._table = table;
        return gate;
    }

    public IAmazonDynamoDB Client => (IAmazonDynamoDB)(object)this;

    /// <summary>From now on, PutItem on the table waits until <see cref="Release"/>.</summary>
    public void Hold()
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    /// <summary>The next PutItem on the table fails as a DynamoDB outage would.</summary>
    public void FailNextPut() => Interlocked.Exchange(ref _failuresLeft, 1);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.PutItemAsync)
            && args is [PutItemRequest request, CancellationToken ct]
            && request.TableName == _table)
        {
            return GatedPutAsync(request, ct);
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

    private async Task<PutItemResponse> GatedPutAsync(PutItemRequest request, CancellationToken ct)
    {
        _entered.TrySetResult();
        if (Interlocked.Exchange(ref _failuresLeft, 0) == 1)
        {
            throw new AmazonDynamoDBException("Simulated outage") { StatusCode = HttpStatusCode.ServiceUnavailable };
        }

        if (_held is { } held)
        {
            await held.Task.WaitAsync(ct);
        }

        return await _inner.PutItemAsync(request, ct);
    }
}
