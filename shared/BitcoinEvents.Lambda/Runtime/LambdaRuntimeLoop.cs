using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// The invocation loop: fetch the next event, run the handler, post its response or its error,
/// repeat. A failed invocation is reported to its own /error and the loop goes on.
/// </summary>
internal sealed class LambdaRuntimeLoop(
    RuntimeApiClient client,
    Func<string, LambdaInvocation, Task<string>> handler,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Serves invocations until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <exception cref="HttpRequestException">The Runtime API cannot be reached.</exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            NextInvocation next;
            try
            {
                next = await client.GetNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var invocation = new LambdaInvocation(
                next.RequestId, next.Deadline, next.InvokedFunctionArn, next.TraceId, timeProvider);
            await InvokeAsync(invocation, next.EventJson);
        }
    }

    // Posting is not cancelled by a stop request: the result of a finished invocation must reach Lambda.
    private async Task InvokeAsync(LambdaInvocation invocation, string eventJson)
    {
        // Read by the X-Ray SDK and by anything else that follows Lambda's conventions.
        Environment.SetEnvironmentVariable(LambdaEnvironment.TraceIdVariable, invocation.TraceId);
        using var scope = LambdaLog.InvocationScope(logger, invocation.RequestId);
        try
        {
            string response;
            try
            {
                response = await handler(eventJson, invocation);
            }
#pragma warning disable CA1031 // Whatever the handler throws belongs to this invocation only.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LambdaLog.InvocationFailed(logger, exception, invocation.RequestId);
                await client.PostErrorAsync(invocation.RequestId, LambdaError.FromException(exception), CancellationToken.None);
                return;
            }

            await client.PostResponseAsync(invocation.RequestId, response, CancellationToken.None);
        }
        catch (HttpRequestException exception)
        {
            // E.g. a response over Lambda's 6 MB limit. Lambda fails the invocation; serve the next.
            LambdaLog.PostFailed(logger, exception, invocation.RequestId);
        }
    }
}
