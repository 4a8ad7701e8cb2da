namespace BitcoinEvents.Lambda;

/// <summary>
/// One Lambda invocation: its ids, its deadline and a token that is cancelled when the deadline
/// passes. Created by the runtime loop for every event (or by a local host that imitates it).
/// </summary>
public sealed class LambdaInvocation : IDisposable
{
    // CancellationTokenSource timers accept at most uint.MaxValue - 1 milliseconds.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _deadlineSource;

    public LambdaInvocation(
        string requestId,
        DateTimeOffset deadline,
        string invokedFunctionArn = "",
        string? traceId = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        _timeProvider = timeProvider ?? TimeProvider.System;
        RequestId = requestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;

        var remaining = deadline - _timeProvider.GetUtcNow();
        if (remaining >= MaxTimerDelay)
        {
            _deadlineSource = new CancellationTokenSource();
        }
        else if (remaining <= TimeSpan.Zero)
        {
            _deadlineSource = new CancellationTokenSource();
            _deadlineSource.Cancel();
        }
        else
        {
            _deadlineSource = new CancellationTokenSource(remaining, _timeProvider);
        }
    }

    /// <summary>The AWS request id of this invocation (Lambda-Runtime-Aws-Request-Id).</summary>
    public string RequestId { get; }

    /// <summary>When Lambda stops the invocation (Lambda-Runtime-Deadline-Ms).</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Time left until <see cref="Deadline"/>; never negative.</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var remaining = Deadline - _timeProvider.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    /// <summary>Cancelled when <see cref="Deadline"/> is reached.</summary>
    public CancellationToken CancellationToken => _deadlineSource.Token;

    /// <summary>The ARN the function was invoked with (Lambda-Runtime-Invoked-Function-Arn).</summary>
    public string InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header (Lambda-Runtime-Trace-Id), if any.</summary>
    public string? TraceId { get; }

    public void Dispose() => _deadlineSource.Dispose();
}
