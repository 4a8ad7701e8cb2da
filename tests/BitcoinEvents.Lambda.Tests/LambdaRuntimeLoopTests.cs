using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Lambda.Tests;

[Collection(RuntimeLoopGroup.Name)]
public sealed class LambdaRuntimeLoopTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private FakeRuntimeApi _runtime = null!;
    private RuntimeApiClient _client = null!;
    private Task? _loop;

    public async ValueTask InitializeAsync()
    {
        _runtime = await FakeRuntimeApi.StartAsync();
        _client = new RuntimeApiClient(_runtime.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(Wait.Timeout);
        }

        _client.Dispose();
        await _runtime.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_WithManyInvocationsInARow_PostsEachResponseToItsOwnRequest()
    {
        StartLoop((eventJson, invocation) => Task.FromResult($$"""{"event":{{eventJson}},"requestId":"{{invocation.RequestId}}"}"""));

        var results = Enumerable.Range(1, 25)
            .Select(n => (N: n, Result: _runtime.EnqueueAsync($$"""{"n":{{n}}}""", requestId: $"req-{n}")))
            .ToList();

        foreach (var (n, result) in results)
        {
            var post = await result.Within();
            Assert.Equal("response", post.Kind);
            Assert.Equal($$"""{"event":{"n":{{n}}},"requestId":"req-{{n}}"}""", post.Body);
        }
    }

    [Fact]
    public async Task Invoke_WhenHandlerThrows_PostsErrorAndServesNext()
    {
        StartLoop((eventJson, _) => eventJson.Contains("boom", StringComparison.Ordinal)
            ? throw new InvalidOperationException("Ledger unavailable")
            : Task.FromResult("\"ok\""));

        var before = _runtime.EnqueueAsync("{}");
        var failing = _runtime.EnqueueAsync("""{"boom":true}""");
        var after = _runtime.EnqueueAsync("{}");

        Assert.Equal("response", (await before.Within()).Kind);
        var error = await failing.Within();
        Assert.Equal("error", error.Kind);
        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.StartsWith("application/json", error.ContentType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(error.Body);
        var root = document.RootElement;
        Assert.Equal(["errorMessage", "errorType", "stackTrace"], root.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal("Ledger unavailable", root.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", root.GetProperty("errorType").GetString());
        Assert.NotEmpty(root.GetProperty("stackTrace").EnumerateArray().Select(line => line.GetString()));
        var next = await after.Within();
        Assert.Equal("response", next.Kind);
        Assert.Equal("\"ok\"", next.Body);
    }

    [Fact]
    public async Task Invoke_WhenDeadlinePasses_CancelsTheInvocationToken()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        StartLoop(
            async (_, invocation) =>
            {
                started.SetResult(invocation.RemainingTime);
                await Task.Delay(Timeout.Infinite, invocation.CancellationToken);
                return "\"unreachable\"";
            },
            time);

        var result = _runtime.EnqueueAsync("{}", deadline: time.GetUtcNow().AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), await started.Task.Within());
        Assert.False(result.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));
        var post = await result.Within();
        Assert.Equal("error", post.Kind);
        Assert.Equal("TaskCanceledException", post.ErrorTypeHeader);
    }

    [Fact]
    public async Task Invoke_ExportsTraceIdAndInvocationHeadersPerInvocation()
    {
        StartLoop((_, invocation) => Task.FromResult(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["environment"] = Environment.GetEnvironmentVariable(LambdaEnvironment.TraceIdVariable),
            ["traceId"] = invocation.TraceId,
            ["arn"] = invocation.InvokedFunctionArn,
            ["deadline"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        })));
        const string traceId = "Root=1-65f0a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds());

        var traced = await _runtime.EnqueueAsync("{}", deadline: deadline, traceId: traceId, functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:GetEvent:live").Within();
        var untraced = await _runtime.EnqueueAsync("{}").Within();

        var first = JsonSerializer.Deserialize<Dictionary<string, string?>>(traced.Body)!;
        Assert.Equal(traceId, first["environment"]);
        Assert.Equal(traceId, first["traceId"]);
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:GetEvent:live", first["arn"]);
        Assert.Equal(deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), first["deadline"]);
        var second = JsonSerializer.Deserialize<Dictionary<string, string?>>(untraced.Body)!;
        Assert.Null(second["environment"]);
        Assert.Null(second["traceId"]);
    }

    [Fact]
    public async Task Run_WhenStopped_ReturnsWhileWaitingForTheNextEvent()
    {
        StartLoop((_, _) => Task.FromResult("{}"));
        Assert.Equal("response", (await _runtime.EnqueueAsync("{}").Within()).Kind);

        await _stop.CancelAsync();

        await _loop!.Within();
    }

    private void StartLoop(Func<string, LambdaInvocation, Task<string>> handler, TimeProvider? timeProvider = null) =>
        _loop = new LambdaRuntimeLoop(_client, handler, timeProvider ?? TimeProvider.System, NullLogger.Instance).RunAsync(_stop.Token);
}
