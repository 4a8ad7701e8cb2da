namespace BitcoinEvents.Lambda;

/// <summary>
/// Handles one record of a DynamoDB stream. Records of a shard arrive in order, one at a time; a
/// record may arrive again after a failure (the batch is retried from the failed record), so the
/// handler must tolerate seeing a record twice.
/// </summary>
public interface IDynamoDbStreamRecordHandler
{
    /// <summary>Handles one record; an exception stops the batch: this record and every later one are reported as failed.</summary>
    Task HandleAsync(DynamoDbStreamRecord record, DynamoDbStreamRecordContext context, CancellationToken ct);
}
