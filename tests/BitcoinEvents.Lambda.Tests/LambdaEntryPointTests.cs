using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Lambda.Tests;

[Collection(RuntimeLoopGroup.Name)]
public sealed class LambdaEntryPointTests : IAsyncLifetime
{
    private static readonly string[] Args = ["--Logging:LogLevel:Default=None"];

    private readonly CancellationTokenSource _stop = new();
    private readonly Recorder _recorder = new();
    private readonly List<Task<int>> _runs = [];
    private FakeRuntimeApi _runtime = null!;

    public async ValueTask InitializeAsync() => _runtime = await FakeRuntimeApi.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var run in _runs)
        {
            Assert.Equal(0, await run.WaitAsync(Wait.Timeout));
        }

        await _runtime.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_WithUnknownHandler_PostsInitErrorNamingKnownOperationsAndFails()
    {
        var exitCode = await RunAsync("DoesNotExist").Within();

        Assert.NotEqual(0, exitCode);
        var initError = await _runtime.InitError.Within();
        Assert.Equal("Runtime.UnknownHandler", initError.ErrorTypeHeader);
        var error = JsonSerializer.Deserialize<LambdaError>(initError.Body, JsonSerializerOptions.Web)!;
        Assert.Equal("Runtime.UnknownHandler", error.ErrorType);
        Assert.Contains("DoesNotExist", error.ErrorMessage, StringComparison.Ordinal);
        foreach (var operation in new[] { "Echo", "GetItem", "CreateOrder", "Throw", "OnTestMessage", "RecordSchedule", "FailSchedule" })
        {
            Assert.Contains(operation, error.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_WithEmptyHandler_PostsInitErrorAndFails()
    {
        var exitCode = await RunAsync("").Within();

        Assert.NotEqual(0, exitCode);
        var initError = await _runtime.InitError.Within();
        Assert.Contains("_HANDLER is not set", initError.Body, StringComparison.Ordinal);
        Assert.Contains("GetItem", initError.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenAddServicesThrows_PostsInitErrorAndFails()
    {
        var area = TestArea.Create(_recorder, _ => throw new InvalidOperationException("EVENTS_TABLE is not set."));

        var exitCode = await RunAsync("Echo", area).Within();

        Assert.NotEqual(0, exitCode);
        var initError = await _runtime.InitError.Within();
        Assert.Equal("InvalidOperationException", initError.ErrorTypeHeader);
        Assert.Contains("EVENTS_TABLE is not set.", initError.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenDependencyInjectionFailsAtStart_PostsInitErrorAndFails()
    {
        var area = TestArea.Create(_recorder, builder => builder.Services.AddHostedService<BrokenHostedService>());

        var exitCode = await RunAsync("Echo", area).Within();

        Assert.NotEqual(0, exitCode);
        var initError = await _runtime.InitError.Within();
        Assert.Contains(nameof(IMissingDependency), initError.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithHttpOperation_ServesItsRouteThroughTheBridgeUntilStopped()
    {
        var run = RunAsync("Echo");

        var post = await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-get.json"), requestId: "lambda-request-7").Within();

        Assert.Equal("response", post.Kind);
        var response = HttpApiResult.Parse(post.Body);
        Assert.Equal(200, response.StatusCode);
        var echo = response.BodyAs<EchoResponse>();
        Assert.Equal("/echo/hello", echo.Path);
        Assert.Equal("lambda-request-7", echo.TraceIdentifier);
        await _stop.CancelAsync();
        Assert.Equal(0, await run.Within());
    }

    [Fact]
    public async Task RunAsync_WithHttpOperation_AnswersAnotherOperationsRouteWith404Problem()
    {
        Start("GetItem");

        var foreign = HttpApiResult.Parse((await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-get.json")).Within()).Body);
        var own = HttpApiResult.Parse((await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-encoded-path.json")).Within()).Body);

        Assert.Equal(404, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Header("Content-Type"));
        using var problem = JsonDocument.Parse(foreign.Body);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(200, own.StatusCode);
    }

    [Fact]
    public async Task RunAsync_WithListedHttpOperation_MapsOnlyThatOperationAndAnswersOthersWith404()
    {
        Start("GetItem", TestArea.Create(_recorder, listed: true));

        var own = HttpApiResult.Parse((await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-encoded-path.json")).Within()).Body);
        var foreign = HttpApiResult.Parse((await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-get.json")).Within()).Body);

        Assert.Equal(200, own.StatusCode);
        Assert.Equal(404, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Header("Content-Type"));
        Assert.Equal(["GetItem"], _recorder.MappedOperations);
    }

    [Fact]
    public async Task RunAsync_WithListedOperationsAndUnknownHandler_PostsInitErrorNamingEveryOperationWithoutMappingAny()
    {
        var exitCode = await RunAsync("DoesNotExist", TestArea.Create(_recorder, listed: true)).Within();

        Assert.NotEqual(0, exitCode);
        var error = JsonSerializer.Deserialize<LambdaError>((await _runtime.InitError.Within()).Body, JsonSerializerOptions.Web)!;
        Assert.Equal("Runtime.UnknownHandler", error.ErrorType);
        foreach (var operation in TestArea.EndpointNames.Concat(["OnTestMessage", "RecordSchedule", "FailSchedule"]))
        {
            Assert.Contains(operation, error.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.Empty(_recorder.MappedOperations);
    }

    [Fact]
    public async Task RunAsync_WithListedOperationsAndScheduleHandler_RunsTheJobWithoutMappingAnEndpoint()
    {
        Start("RecordSchedule", TestArea.Create(_recorder, listed: true));

        var post = await _runtime.EnqueueAsync(Fixtures.Read("scheduled-event.json")).Within();

        Assert.Equal("response", post.Kind);
        Assert.Single(_recorder.ScheduledRuns);
        Assert.Empty(_recorder.MappedOperations);
    }

    [Fact]
    public async Task RunAsync_WhenAppThrows_Answers500AndServesNextInvocation()
    {
        Start("Throw");

        var failed = await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-throws.json")).Within();
        var next = await _runtime.EnqueueAsync(Fixtures.HttpEvent("http-api-v2-throws.json", rawQueryString: "ok")).Within();

        Assert.Equal("response", failed.Kind);
        Assert.Equal(500, HttpApiResult.Parse(failed.Body).StatusCode);
        Assert.Equal("response", next.Kind);
        Assert.Equal("fine", HttpApiResult.Parse(next.Body).Body);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"version":"1.0","resource":"/echo/{rest+}","path":"/echo/hi","httpMethod":"GET","requestContext":{"httpMethod":"GET"}}""")]
    [InlineData("""{"Records":[{"messageId":"1","body":"{}","eventSource":"aws:sqs"}]}""")]
    public async Task RunAsync_WithEventThatIsNotHttpApi20_PostsNamedErrorAndServesNext(string badEvent)
    {
        Start("Echo");

        var bad = await _runtime.EnqueueAsync(badEvent).Within();
        var next = await _runtime.EnqueueAsync(Fixtures.Read("http-api-v2-get.json")).Within();

        Assert.Equal("error", bad.Kind);
        Assert.Equal(nameof(InvalidHttpApiEventException), bad.ErrorTypeHeader);
        Assert.Contains("payload format 2.0", JsonDocument.Parse(bad.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("response", next.Kind);
        Assert.Equal(200, HttpApiResult.Parse(next.Body).StatusCode);
    }

    [Fact]
    public async Task RunAsync_WithQueueOperation_PostsBatchItemFailures()
    {
        Start("OnTestMessage");

        var post = await _runtime.EnqueueAsync(Fixtures.Read("sqs-standard-batch.json")).Within();

        Assert.Equal("response", post.Kind);
        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"8d1e6a52-0c5f-4f5e-9a41-000000000002"},{"itemIdentifier":"8d1e6a52-0c5f-4f5e-9a41-000000000003"}]}""",
            post.Body);
    }

    [Fact]
    public async Task RunAsync_WithScheduleOperation_RunsTheJob()
    {
        Start("RecordSchedule");

        var post = await _runtime.EnqueueAsync(Fixtures.Read("scheduled-event.json")).Within();

        Assert.Equal("response", post.Kind);
        var run = Assert.Single(_recorder.ScheduledRuns);
        Assert.Equal("7bf73129-1428-4cd3-a780-95db273d1602", run.Id);
    }

    [Fact]
    public async Task RunAsync_WhenScheduledJobThrows_PostsInvocationErrorAndServesNext()
    {
        Start("FailSchedule");

        var first = await _runtime.EnqueueAsync(Fixtures.Read("scheduled-event.json")).Within();
        var second = await _runtime.EnqueueAsync(Fixtures.Read("scheduled-event.json")).Within();

        Assert.Equal("error", first.Kind);
        Assert.Equal("InvalidOperationException", first.ErrorTypeHeader);
        Assert.Contains("The settlement ledger is locked.", first.Body, StringComparison.Ordinal);
        Assert.Equal("error", second.Kind);
    }

    // Started in the background; DisposeAsync stops it and checks it exited cleanly.
    private void Start(string handler, AreaDefinition? area = null) => _runs.Add(RunAsync(handler, area));

    private Task<int> RunAsync(string handler, AreaDefinition? area = null) =>
        LambdaEntryPoint.RunAsync(Args, area ?? TestArea.Create(_recorder), TestArea.Defaults, new LambdaHostSettings(_runtime.Address, handler), _stop.Token);
}
