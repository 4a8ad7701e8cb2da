using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// The response side of one bridged request. The whole response is buffered and "sent" when the
/// application is done; OnStarting callbacks run when the body starts or at the end, OnCompleted
/// callbacks after it, both last-registered first as Kestrel runs them.
/// </summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature
{
    private readonly Stack<(Func<object, Task> Callback, object State)> _onStarting = new();
    private readonly Stack<(Func<object, Task> Callback, object State)> _onCompleted = new();

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body { get; set; } = Stream.Null;

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }

        _onStarting.Push((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Push((callback, state));

    public async Task FireOnStartingAsync()
    {
        if (HasStarted)
        {
            return;
        }

        while (_onStarting.TryPop(out var entry))
        {
            await entry.Callback(entry.State);
        }

        HasStarted = true;
    }

    /// <summary>Runs every OnCompleted callback; a failing one is logged and the others still run.</summary>
    public async Task FireOnCompletedAsync(ILogger logger)
    {
        while (_onCompleted.TryPop(out var entry))
        {
            try
            {
                await entry.Callback(entry.State);
            }
#pragma warning disable CA1031 // The response is already complete: report and go on, as Kestrel does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LambdaLog.OnCompletedFailed(logger, exception);
            }
        }
    }
}
