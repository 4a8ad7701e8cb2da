using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>
/// The Lambda Runtime API on 127.0.0.1 (random port): serves queued events to
/// <c>invocation/next</c> and records what is posted to <c>/response</c>, <c>/error</c> and
/// <c>init/error</c>.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimePost>> _results = new();
    private readonly TaskCompletionSource<RuntimePost> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private int _sequence;

    private FakeRuntimeApi(WebApplication app)
    {
        _app = app;
        app.MapGet($"{Prefix}/invocation/next", NextAsync);
        app.MapPost($"{Prefix}/invocation/{{requestId}}/response", (string requestId, HttpRequest request) => RecordAsync(requestId, "response", request));
        app.MapPost($"{Prefix}/invocation/{{requestId}}/error", (string requestId, HttpRequest request) => RecordAsync(requestId, "error", request));
        app.MapPost($"{Prefix}/init/error", RecordInitErrorAsync);
    }

    /// <summary><c>host:port</c>, as in AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Completes when the runtime posts to <c>init/error</c>.</summary>
    public Task<RuntimePost> InitError => _initError.Task;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeRuntimeApi(builder.Build());
        await fake._app.StartAsync();
        fake.Address = new Uri(fake._app.Urls.Single()).Authority;
        return fake;
    }

    /// <summary>Queues an event; the task completes with what the runtime posts for it.</summary>
    public Task<RuntimePost> EnqueueAsync(
        string eventJson,
        string? requestId = null,
        DateTimeOffset? deadline = null,
        string? traceId = null,
        string functionArn = "arn:aws:lambda:eu-west-1:111122223333:function:test")
    {
        requestId ??= $"request-{Interlocked.Increment(ref _sequence):D4}";
        var result = _results.GetOrAdd(requestId, _ => new TaskCompletionSource<RuntimePost>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(new QueuedInvocation(requestId, eventJson, deadline ?? DateTimeOffset.UtcNow.AddMinutes(1), traceId, functionArn));
        return result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    private async Task NextAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        QueuedInvocation next;
        try
        {
            next = await _queue.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = next.FunctionArn;
        if (next.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(next.EventJson, CancellationToken.None);
    }

    private async Task<IResult> RecordAsync(string requestId, string kind, HttpRequest request)
    {
        var post = await ReadPostAsync(kind, request);
        var result = _results.GetOrAdd(requestId, _ => new TaskCompletionSource<RuntimePost>(TaskCreationOptions.RunContinuationsAsynchronously));
        return result.TrySetResult(post)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.BadRequest();
    }

    private async Task<IResult> RecordInitErrorAsync(HttpRequest request)
    {
        _initError.TrySetResult(await ReadPostAsync("init-error", request));
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<RuntimePost> ReadPostAsync(string kind, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return new RuntimePost(kind, body, request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), request.ContentType);
    }

    private sealed record QueuedInvocation(string RequestId, string EventJson, DateTimeOffset Deadline, string? TraceId, string FunctionArn);
}

/// <summary>What the runtime posted for one invocation (or for init).</summary>
internal sealed record RuntimePost(string Kind, string Body, string ErrorTypeHeader, string? ContentType);
