using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// The Main of every area: on Kestrel outside Lambda; inside Lambda, the invocation loop of the
/// one operation named by <c>_HANDLER</c>.
/// </summary>
public static class LambdaEntryPoint
{
    /// <summary>
    /// Without AWS_LAMBDA_RUNTIME_API: runs the area on Kestrel (URLs from configuration, default
    /// http://127.0.0.1:5000) until shut down. With it: builds the area once, reports an unknown
    /// _HANDLER or any start-up failure to <c>runtime/init/error</c> (exit code 1), else serves
    /// invocations until the host stops (exit code 0).
    /// </summary>
    public static Task<int> RunAsync(string[] args, AreaDefinition area, HostDefaults defaults) =>
        RunAsync(args, area, defaults, LambdaHostSettings.FromEnvironment(), CancellationToken.None);

    internal static Task<int> RunAsync(string[] args, AreaDefinition area, HostDefaults defaults, LambdaHostSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(defaults);
        return string.IsNullOrEmpty(settings.RuntimeApi)
            ? RunLocalAsync(args, area, defaults, settings, ct)
            : RunInLambdaAsync(args, area, defaults, settings.RuntimeApi, settings.Handler ?? "", ct);
    }

    private static async Task<int> RunLocalAsync(string[] args, AreaDefinition area, HostDefaults defaults, LambdaHostSettings settings, CancellationToken ct)
    {
        await using var app = LambdaApplication.Build(args, area, defaults, lambda: false);
        await app.StartAsync(ct);
        settings.OnLocalStarted?.Invoke(app);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    private static async Task<int> RunInLambdaAsync(string[] args, AreaDefinition area, HostDefaults defaults, string runtimeApi, string handlerName, CancellationToken ct)
    {
        using var client = new RuntimeApiClient(runtimeApi);
        WebApplication app;
        try
        {
            app = LambdaApplication.Build(args, area, defaults, lambda: true, ownOperation: handlerName);
        }
#pragma warning disable CA1031 // Any start-up failure is reported to Lambda as an init error.
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"Building area {area.Name} failed: {exception}");
            return await FailInitAsync(client, LambdaError.FromException(exception), ct);
        }

        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LambdaEntryPoint).FullName!);
            Func<string, LambdaInvocation, Task<string>>? handler;
            try
            {
                handler = ResolveHandler(app, area, handlerName, logger, out var knownOperations);
                if (handler is null)
                {
                    var known = string.Join(", ", knownOperations);
                    LambdaLog.UnknownHandler(logger, handlerName, area.Name, known);
                    return await FailInitAsync(client, UnknownHandler(handlerName, area.Name, known), ct);
                }

                await app.StartAsync(ct);
            }
            catch (Exception exception)
            {
                LambdaLog.StartFailed(logger, exception, area.Name);
                return await FailInitAsync(client, LambdaError.FromException(exception), ct);
            }
#pragma warning restore CA1031

            return await ServeAsync(app, client, handler, logger, ct);
        }
    }

    private static async Task<int> ServeAsync(
        WebApplication app, RuntimeApiClient client, Func<string, LambdaInvocation, Task<string>> handler, ILogger logger, CancellationToken ct)
    {
        var timeProvider = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        var loop = new LambdaRuntimeLoop(client, handler, timeProvider, logger);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
        try
        {
            await loop.RunAsync(stopping.Token);
            return 0;
        }
        catch (HttpRequestException exception)
        {
            LambdaLog.LoopFailed(logger, exception);
            return 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static Func<string, LambdaInvocation, Task<string>>? ResolveHandler(
        WebApplication app, AreaDefinition area, string handlerName, ILogger logger, out IReadOnlyList<string> knownOperations)
    {
        // The listed operations by name; endpoints mapped the older way (in every function) only by
        // listing the app's endpoints, which builds them all once more than routing will.
        var httpOperations = area.HttpOperations.Select(operation => operation.Name).ToHashSet(StringComparer.Ordinal);
        if (area.MapsEndpointsInEveryFunction)
        {
            httpOperations.UnionWith(LambdaApplication.HttpOperationNames(app));
        }

        var backgroundOperations = area.BackgroundOperations.ToDictionary(operation => operation.Name, StringComparer.Ordinal);
        var both = httpOperations.Where(backgroundOperations.ContainsKey).ToList();
        if (both.Count > 0)
        {
            throw new InvalidOperationException(
                $"Operation names must be unique; both an endpoint and a background operation are named: {string.Join(", ", both)}.");
        }

        knownOperations = [.. httpOperations.Concat(backgroundOperations.Keys).Order(StringComparer.Ordinal)];
        if (httpOperations.Contains(handlerName))
        {
            LambdaLog.Serving(logger, handlerName, area.Name, "Http");
            var server = app.Services.GetRequiredService<LambdaHttpServer>();
            return (eventJson, invocation) => server.InvokeAsync(eventJson, invocation);
        }

        if (backgroundOperations.TryGetValue(handlerName, out var operation))
        {
            LambdaLog.Serving(logger, handlerName, area.Name, operation.Kind.ToString());
            return (eventJson, invocation) => operation.InvokeAsync(app.Services, eventJson, invocation);
        }

        return null;
    }

    private static LambdaError UnknownHandler(string handlerName, string areaName, string knownOperations) => new()
    {
        ErrorType = "Runtime.UnknownHandler",
        ErrorMessage = string.IsNullOrEmpty(handlerName)
            ? $"_HANDLER is not set; it must name one operation of area {areaName}: {knownOperations}."
            : $"_HANDLER '{handlerName}' is not an operation of area {areaName}; known operations: {knownOperations}.",
    };

    private static async Task<int> FailInitAsync(RuntimeApiClient client, LambdaError error, CancellationToken ct)
    {
        try
        {
            await client.PostInitErrorAsync(error, ct);
        }
        catch (HttpRequestException exception)
        {
            await Console.Error.WriteLineAsync($"Posting the init error failed: {exception.Message}");
        }

        return 1;
    }
}
