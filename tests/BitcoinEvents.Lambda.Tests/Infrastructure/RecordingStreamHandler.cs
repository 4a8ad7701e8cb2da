namespace BitcoinEvents.Lambda.Tests;

/// <summary>Records every stream record it is given; throws for records whose image says <c>fail: true</c>.</summary>
public sealed class RecordingStreamHandler(Recorder recorder, ScopedProbe probe) : IDynamoDbStreamRecordHandler
{
    public Task HandleAsync(DynamoDbStreamRecord record, DynamoDbStreamRecordContext context, CancellationToken ct)
    {
        var key = record.Change.Keys["pk"].S!;
        recorder.StreamRecords.Enqueue((key, record, context, probe.Id));
        return record.Change.NewImage?.GetValueOrDefault("fail")?.Bool == true
            ? throw new InvalidOperationException($"Item {key} cannot be handled.")
            : Task.CompletedTask;
    }
}
