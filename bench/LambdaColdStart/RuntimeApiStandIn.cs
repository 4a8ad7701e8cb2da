using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaColdStart;

/// <summary>What the function posted for one invocation.</summary>
internal enum OutcomeKind
{
    Response,
    Error,
}

/// <summary>The function's answer to one invocation, stamped with <see cref="Stopwatch.GetTimestamp"/>.</summary>
internal sealed record InvocationOutcome(OutcomeKind Kind, string Body, string? ErrorTypeHeader, long ReceivedAt);

/// <summary>An init error the function posted (an unknown _HANDLER, a start-up failure).</summary>
internal sealed record InitError(string Body, string? ErrorTypeHeader, long ReceivedAt);

/// <summary>
/// A stand-in for the Lambda Runtime API (version 2018-06-01) on 127.0.0.1, port chosen by the OS:
/// <c>GET runtime/invocation/next</c> (long-polls until the harness queues an event; answers with
/// the Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn and -Trace-Id headers),
/// <c>POST runtime/invocation/{id}/response</c>, <c>POST runtime/invocation/{id}/error</c> and
/// <c>POST runtime/init/error</c>. One execution environment at a time: the harness opens a
/// <see cref="Session"/> per process it starts.
/// </summary>
internal sealed class RuntimeApiStandIn : IAsyncDisposable
{
    /// <summary>Lambda's limit on a synchronous response payload.</summary>
    private const int MaxResponseBytes = 6 * 1024 * 1024;

    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private Session? _current;

    private RuntimeApiStandIn(WebApplication app) => _app = app;

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string HostAndPort { get; private set; } = "";

    public static async Task<RuntimeApiStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = MaxResponseBytes + 1024;
        });
        var app = builder.Build();
        var standIn = new RuntimeApiStandIn(app);
        standIn.Map(app);
        await app.StartAsync(cancellationToken);
        var address = (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.")).Addresses.Single();
        standIn.HostAndPort = new Uri(address).Authority;
        return standIn;
    }

    /// <summary>Opens the session of the next process; invocations queued on it are served to whoever polls.</summary>
    public Session OpenSession(string functionArn, TimeSpan timeout)
    {
        var session = new Session(functionArn, timeout);
        var previous = Interlocked.Exchange(ref _current, session);
        previous?.Close();
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _current, null)?.Close();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet(Prefix + "/invocation/next", (RequestDelegate)NextAsync);
        app.MapPost(Prefix + "/invocation/{requestId}/response", (string requestId, HttpContext context) => CompleteAsync(requestId, OutcomeKind.Response, context));
        app.MapPost(Prefix + "/invocation/{requestId}/error", (string requestId, HttpContext context) => CompleteAsync(requestId, OutcomeKind.Error, context));
        app.MapPost(Prefix + "/init/error", (Delegate)InitErrorAsync);
    }

    private async Task NextAsync(HttpContext context)
    {
        var session = Volatile.Read(ref _current);
        if (session is null)
        {
            // Between sessions: hold the poll as Lambda does for a frozen environment.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        session.MarkPolled();
        Pending pending;
        try
        {
            pending = await session.Queue.Reader.ReadAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ChannelClosedException)
        {
            // The session is over (the harness is about to stop the process): hold the poll as for a
            // frozen environment. Answering it without an invocation would make the function fail
            // (and, under a profiler, record its crash report as if it were part of the start).
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        pending.HandedOutAt = Stopwatch.GetTimestamp();
        var deadline = DateTimeOffset.UtcNow.Add(session.Timeout).ToUnixTimeMilliseconds();
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = session.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(pending.EventJson, Encoding.UTF8, context.RequestAborted);
    }

    private async Task<IResult> CompleteAsync(string requestId, OutcomeKind kind, HttpContext context)
    {
        var session = Volatile.Read(ref _current);
        if (session is null || !session.InFlight.TryRemove(requestId, out var pending))
        {
            return Results.Json(new ErrorBody("InvalidRequestID", $"Unknown request id {requestId}."), statusCode: StatusCodes.Status400BadRequest);
        }

        var body = await ReadBodyAsync(context);
        if (kind == OutcomeKind.Response && Encoding.UTF8.GetByteCount(body) > MaxResponseBytes)
        {
            pending.Completion.TrySetResult(new InvocationOutcome(OutcomeKind.Error, body, "Function.ResponseSizeTooLarge", Stopwatch.GetTimestamp()));
            return Results.Json(new ErrorBody("RequestEntityTooLarge", "Response payload too large."), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        pending.Completion.TrySetResult(new InvocationOutcome(kind, body, errorType, Stopwatch.GetTimestamp()));
        return Results.Json(new StatusBody("OK"), statusCode: StatusCodes.Status202Accepted);
    }

    private async Task<IResult> InitErrorAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        Volatile.Read(ref _current)?.InitErrors.TrySetResult(new InitError(body, errorType, Stopwatch.GetTimestamp()));
        return Results.Json(new StatusBody("OK"), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private sealed record StatusBody(string Status);

    private sealed record ErrorBody(string ErrorType, string ErrorMessage);

    internal sealed class Pending(string requestId, string eventJson, string traceId)
    {
        public string RequestId { get; } = requestId;

        public string EventJson { get; } = eventJson;

        public string TraceId { get; } = traceId;

        public long HandedOutAt { get; set; }

        public TaskCompletionSource<InvocationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One execution environment's invocations, served one at a time.</summary>
    internal sealed class Session(string functionArn, TimeSpan timeout)
    {
        private long _firstPollAt;
        private double _initCpuMilliseconds = double.NaN;

        public string FunctionArn { get; } = functionArn;

        public TimeSpan Timeout { get; } = timeout;

        internal Channel<Pending> Queue { get; } = Channel.CreateUnbounded<Pending>();

        internal ConcurrentDictionary<string, Pending> InFlight { get; } = new(StringComparer.Ordinal);

        /// <summary>Completes when the process posts to runtime/init/error.</summary>
        public TaskCompletionSource<InitError> InitErrors { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When the process first asked for an invocation (its init is over), 0 before.</summary>
        public long FirstPollAt => Interlocked.Read(ref _firstPollAt);

        /// <summary>Reads the function process's CPU time so far; set once the process is started.</summary>
        public Func<double?>? CpuProbe { get; set; }

        /// <summary>The process's CPU time (ms, all threads) when it first asked for an invocation: its init's CPU; NaN before.</summary>
        public double InitCpuMilliseconds => Volatile.Read(ref _initCpuMilliseconds);

        /// <summary>
        /// Queues one event and waits for the function's response or error (or its init error, or
        /// the timeout). Returns the outcome and the time from queueing to the answer.
        /// </summary>
        public async Task<(InvocationOutcome Outcome, long QueuedAt)> InvokeAsync(string eventJson, CancellationToken cancellationToken, TimeSpan? timeoutOverride = null)
        {
            var limit = timeoutOverride ?? Timeout;
            var requestId = Guid.NewGuid().ToString();
            // X-Ray format: Root=1-<8 hex: epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0
            var traceId = string.Create(CultureInfo.InvariantCulture,
                $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Parent={Guid.NewGuid().ToString("N")[..16]};Sampled=0");
            var pending = new Pending(requestId, eventJson, traceId);
            InFlight[requestId] = pending;
            var queuedAt = Stopwatch.GetTimestamp();
            await Queue.Writer.WriteAsync(pending, cancellationToken);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            var finished = await Task.WhenAny(pending.Completion.Task, InitErrors.Task, Task.Delay(System.Threading.Timeout.Infinite, timeout.Token));
            if (finished == pending.Completion.Task)
            {
                return (await pending.Completion.Task, queuedAt);
            }

            InFlight.TryRemove(requestId, out _);
            if (finished == InitErrors.Task)
            {
                var init = await InitErrors.Task;
                throw new InvalidOperationException($"The function failed its init instead of answering: {init.ErrorTypeHeader} {init.Body}");
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"No response to invocation {requestId} within {limit.TotalSeconds} s.");
        }

        internal void MarkPolled()
        {
            if (Interlocked.CompareExchange(ref _firstPollAt, Stopwatch.GetTimestamp(), 0) == 0)
            {
                // The process waits on this poll, so its CPU time stands still while it is read.
                Volatile.Write(ref _initCpuMilliseconds, CpuProbe?.Invoke() ?? double.NaN);
            }
        }

        internal void Close() => Queue.Writer.TryComplete();
    }
}
