using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>The DynamoDB stream runner against the documented stream event shape (Fixtures/dynamodb-stream-batch.json).</summary>
public sealed class StreamOperationTests : IAsyncDisposable
{
    private static readonly BackgroundOperation Operation = BackgroundOperation.Stream<RecordingStreamHandler>("OnOrderChanged");

    private readonly Recorder _recorder = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;

    public StreamOperationTests()
    {
        _services = new ServiceCollection()
            .AddSingleton(_recorder)
            .AddScoped<ScopedProbe>()
            .AddLogging(logging => logging.AddProvider(_logs))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public void Stream_DescribesAStreamOperation()
    {
        Assert.Equal("OnOrderChanged", Operation.Name);
        Assert.Equal(BackgroundOperationKind.Stream, Operation.Kind);
    }

    [Fact]
    public async Task InvokeAsync_WhenARecordFails_StopsThere_AndReportsItAndEveryLaterRecordBySequenceNumber()
    {
        var failures = await InvokeAsync(Fixtures.Read("dynamodb-stream-batch.json"));

        Assert.Equal(["111100000000000000003", "111100000000000000004"], failures);
        Assert.Equal(["order-1", "order-2", "order-3"], Keys());
    }

    [Fact]
    public async Task InvokeAsync_WhenEveryRecordSucceeds_HandlesThemInOrder_AndReportsAnEmptyFailureList()
    {
        var streamEvent = Fixtures.Read("dynamodb-stream-batch.json").Replace("\"fail\": { \"BOOL\": true }", "\"fail\": { \"BOOL\": false }", StringComparison.Ordinal);
        using var invocation = NewInvocation();

        var response = await Operation.InvokeAsync(_services, streamEvent, invocation);

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        Assert.Equal(["order-1", "order-2", "order-3", "order-4"], Keys());
        Assert.Equal([0, 1, 2, 3], _recorder.StreamRecords.Select(r => r.Context.Index));
        Assert.All(_recorder.StreamRecords, r => Assert.Equal(4, r.Context.BatchSize));
    }

    [Fact]
    public async Task InvokeAsync_ReadsTheDocumentedRecordShape()
    {
        await InvokeAsync(Fixtures.Read("dynamodb-stream-batch.json"));

        var records = _recorder.StreamRecords.Select(r => r.Record).ToList();
        var insert = records[0];
        Assert.Equal("c4ca4238a0b923820dcc509a6f75849b", insert.EventId);
        Assert.Equal(DynamoDbStreamEventNames.Insert, insert.EventName);
        Assert.Equal("aws:dynamodb", insert.EventSource);
        Assert.Equal("eu-west-1", insert.AwsRegion);
        Assert.Equal("arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2026-11-30T00:00:00.000", insert.EventSourceArn);
        Assert.Equal("111100000000000000001", insert.Change.SequenceNumber);
        Assert.Equal(1764504000, insert.Change.ApproximateCreationDateTime);
        Assert.Equal("NEW_AND_OLD_IMAGES", insert.Change.StreamViewType);
        Assert.Null(insert.Change.OldImage);
        var image = insert.Change.NewImage!;
        Assert.Equal("2500", image["amount"].N);
        Assert.True(image["paid"].Bool);
        Assert.True(image["note"].Null);
        Assert.Equal(["vip", "early"], image["tags"].SS!);
        Assert.Equal("aGVsbG8=", image["receipt"].B);
        var line = Assert.Single(image["lines"].L!).M!;
        Assert.Equal("tee-m", line["sku"].S);
        Assert.Equal("2", line["qty"].N);
        Assert.False(insert.IsTtlDeletion);

        var modify = records[1];
        Assert.Equal(DynamoDbStreamEventNames.Modify, modify.EventName);
        Assert.Equal("800", modify.Change.OldImage!["amount"].N);
        Assert.Equal("900", modify.Change.NewImage!["amount"].N);
    }

    [Fact]
    public async Task InvokeAsync_RecognisesATtlDeletion()
    {
        var streamEvent = Fixtures.Read("dynamodb-stream-batch.json").Replace("\"fail\": { \"BOOL\": true }", "\"fail\": { \"BOOL\": false }", StringComparison.Ordinal);
        using var invocation = NewInvocation();

        await Operation.InvokeAsync(_services, streamEvent, invocation);

        var remove = _recorder.StreamRecords.Last().Record;
        Assert.Equal(DynamoDbStreamEventNames.Remove, remove.EventName);
        Assert.True(remove.IsTtlDeletion);
        Assert.Null(remove.Change.NewImage);
        Assert.Equal("300", remove.Change.OldImage!["amount"].N);
    }

    [Fact]
    public async Task InvokeAsync_GivesEachRecordAFreshDiScopeAndDisposesIt()
    {
        await InvokeAsync(Fixtures.Read("dynamodb-stream-batch.json"));

        var scopes = _recorder.StreamRecords.Select(r => r.ScopeId).ToList();
        Assert.Equal(3, scopes.Count);
        Assert.Equal(scopes.Count, scopes.Distinct().Count());
        Assert.All(scopes, scope => Assert.Contains(scope, _recorder.DisposedScopes));
    }

    [Fact]
    public async Task InvokeAsync_AfterTheDeadline_HandlesNothingAndReportsEveryRecordFromTheFirst()
    {
        using var invocation = new LambdaInvocation("expired", DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await Operation.InvokeAsync(_services, Fixtures.Read("dynamodb-stream-batch.json"), invocation);

        Assert.Equal(["111100000000000000001", "111100000000000000002", "111100000000000000003", "111100000000000000004"], Failures(response));
        Assert.Empty(_recorder.StreamRecords);
    }

    [Fact]
    public async Task InvokeAsync_WithNoRecords_ReportsNoFailure()
    {
        using var invocation = NewInvocation();

        Assert.Equal("""{"batchItemFailures":[]}""", await Operation.InvokeAsync(_services, """{"Records":[]}""", invocation));
    }

    [Fact]
    public async Task InvokeAsync_LogsTheFailedSequenceNumberWithoutImages()
    {
        await InvokeAsync(Fixtures.Read("dynamodb-stream-batch.json"));

        Assert.Contains(_logs.Entries, entry => entry.Contains("111100000000000000003", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, entry => entry.Contains("buyer@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvokeAsync_WithMalformedEvent_Throws()
    {
        using var invocation = NewInvocation();

        await Assert.ThrowsAnyAsync<JsonException>(() => Operation.InvokeAsync(_services, "{\"Records\": 7}", invocation));
    }

    private List<string> Keys() => [.. _recorder.StreamRecords.Select(r => r.Key)];

    private async Task<string[]> InvokeAsync(string streamEvent)
    {
        using var invocation = NewInvocation();
        return Failures(await Operation.InvokeAsync(_services, streamEvent, invocation));
    }

    private static LambdaInvocation NewInvocation() => new("stream-invocation", DateTimeOffset.UtcNow.AddSeconds(30));

    private static string[] Failures(string response)
    {
        using var document = JsonDocument.Parse(response);
        return [.. document.RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(failure => failure.GetProperty("itemIdentifier").GetString()!)];
    }
}
