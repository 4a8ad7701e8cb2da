using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda.Tests;

public sealed class QueueOperationTests : IAsyncDisposable
{
    private const string Failing = "8d1e6a52-0c5f-4f5e-9a41-000000000002";
    private const string BadBody = "8d1e6a52-0c5f-4f5e-9a41-000000000003";

    private static readonly BackgroundOperation Operation =
        BackgroundOperation.Queue<RecordingMessageHandler, TestMessage>("OnTestMessage", () => TestJsonContext.Default.TestMessage);

    private readonly Recorder _recorder = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;

    public QueueOperationTests()
    {
        _services = new ServiceCollection()
            .AddSingleton(_recorder)
            .AddScoped<ScopedProbe>()
            .AddLogging(logging => logging.AddProvider(_logs))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public void Queue_DescribesAQueueOperation()
    {
        Assert.Equal("OnTestMessage", Operation.Name);
        Assert.Equal(BackgroundOperationKind.Queue, Operation.Kind);
    }

    [Fact]
    public async Task MessageType_IsBuiltOnTheFirstMessage_NotWhenTheOperationIsListed()
    {
        // Every function of an area lists all of its operations at start: a consumer's JSON
        // metadata must cost nothing until that consumer gets a message.
        var built = 0;
        var operation = BackgroundOperation.Queue<RecordingMessageHandler, TestMessage>("OnTestMessage", () =>
        {
            built++;
            return TestJsonContext.Default.TestMessage;
        });
        Assert.Equal(0, built);

        using (var first = NewInvocation())
        {
            await operation.InvokeAsync(_services, Fixtures.Read("sqs-standard-batch.json"), first);
        }

        using (var second = NewInvocation())
        {
            await operation.InvokeAsync(_services, Fixtures.Read("sqs-standard-batch.json"), second);
        }

        Assert.Equal(1, built);
        Assert.Contains("o-1", _recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_WhenHandlerThrows_ReportsThatRecordAndHandlesTheRest()
    {
        var failures = await InvokeAsync("sqs-standard-batch.json");

        Assert.Contains(Failing, failures);
        Assert.Equal(["o-1", "o-2", "o-4"], _recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_WhenBodyIsNotValidJson_ReportsOnlyThatRecord()
    {
        var failures = await InvokeAsync("sqs-standard-batch.json");

        Assert.Equal([Failing, BadBody], failures);
        Assert.Contains("o-4", _recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_OnFifoQueue_StopsAtFirstFailureAndReportsItAndEveryLaterRecord()
    {
        var failures = await InvokeAsync("sqs-fifo-batch.json");

        Assert.Equal(["f2", "f3", "f4"], failures);
        Assert.Equal(["o-1", "o-2"], _recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_WhenEveryRecordSucceeds_ReportsAnEmptyFailureList()
    {
        var sqsEvent = Fixtures.Read("sqs-fifo-batch.json").Replace("\\\"fail\\\":true", "\\\"fail\\\":false", StringComparison.Ordinal);
        using var invocation = NewInvocation();

        var response = await Operation.InvokeAsync(_services, sqsEvent, invocation);

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        Assert.Equal(["o-1", "o-2", "o-3", "o-4"], _recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_GivesEachRecordAFreshDiScopeAndDisposesIt()
    {
        await InvokeAsync("sqs-standard-batch.json");

        var scopes = _recorder.HandlerScopes.Select(entry => entry.ScopeId).ToList();
        Assert.Equal(3, scopes.Count);
        Assert.Equal(scopes.Count, scopes.Distinct().Count());
        Assert.All(scopes, scope => Assert.Contains(scope, _recorder.DisposedScopes));
    }

    [Fact]
    public async Task InvokeAsync_GivesTheHandlerTheRecordsContext()
    {
        using var invocation = NewInvocation();

        await Operation.InvokeAsync(_services, Fixtures.Read("sqs-standard-batch.json"), invocation);
        await Operation.InvokeAsync(_services, Fixtures.Read("sqs-fifo-batch.json"), invocation);

        var standard = _recorder.Contexts.Single(context => context.MessageId == Failing);
        Assert.Equal(3, standard.ApproximateReceiveCount);
        Assert.Equal("AQEB161ec62a6b3bd38724bc36952b193a556508fd43", standard.ReceiptHandle);
        Assert.Null(standard.MessageGroupId);
        Assert.Equal("orders", standard.MessageAttributes["source"].StringValue);
        Assert.Equal("arn:aws:sqs:eu-west-1:111122223333:order-paid", standard.EventSourceArn);
        Assert.Same(invocation, standard.Invocation);
        var fifo = _recorder.Contexts.Single(context => context.MessageId == "f1");
        Assert.Equal("event-42", fifo.MessageGroupId);
        Assert.Equal("18849496460467696128", fifo.Attributes["SequenceNumber"]);
    }

    [Fact]
    public async Task InvokeAsync_AfterTheDeadline_HandlesNothingAndReportsEveryRecord()
    {
        using var invocation = new LambdaInvocation("expired", DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await Operation.InvokeAsync(_services, Fixtures.Read("sqs-standard-batch.json"), invocation);

        Assert.Equal(4, Failures(response).Length);
        Assert.Empty(_recorder.HandledOrderIds);
    }

    [Fact]
    public async Task InvokeAsync_LogsFailuresByMessageIdWithoutBodies()
    {
        await InvokeAsync("sqs-standard-batch.json");

        Assert.Contains(_logs.Entries, entry => entry.Contains(Failing, StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, entry => entry.Contains(BadBody, StringComparison.Ordinal));
        using var sqsEvent = JsonDocument.Parse(Fixtures.Read("sqs-standard-batch.json"));
        foreach (var record in sqsEvent.RootElement.GetProperty("Records").EnumerateArray())
        {
            var body = record.GetProperty("body").GetString()!;
            Assert.DoesNotContain(_logs.Entries, entry => entry.Contains(body, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task InvokeAsync_WithMalformedEvent_Throws()
    {
        using var invocation = NewInvocation();

        await Assert.ThrowsAnyAsync<JsonException>(() => Operation.InvokeAsync(_services, "{\"Records\": 7}", invocation));
    }

    private async Task<string[]> InvokeAsync(string fixture)
    {
        using var invocation = NewInvocation();
        return Failures(await Operation.InvokeAsync(_services, Fixtures.Read(fixture), invocation));
    }

    private static LambdaInvocation NewInvocation() => new("sqs-invocation", DateTimeOffset.UtcNow.AddSeconds(30));

    private static string[] Failures(string response)
    {
        using var document = JsonDocument.Parse(response);
        return [.. document.RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(failure => failure.GetProperty("itemIdentifier").GetString()!)];
    }
}
