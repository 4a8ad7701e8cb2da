namespace BitcoinEvents.Lambda;

/// <summary>A job run by an EventBridge schedule. Must tolerate being run twice for one tick.</summary>
public interface IScheduledJob
{
    /// <summary>Runs the job once; an exception fails the invocation and Lambda retries it.</summary>
    Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct);
}
