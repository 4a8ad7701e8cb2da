namespace BitcoinEvents.Lambda.Tests;

public sealed class RecordingJob(Recorder recorder, ScopedProbe probe) : IScheduledJob
{
    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
    {
        recorder.ScheduledRuns.Enqueue(scheduledEvent);
        recorder.HandlerScopes.Enqueue(("schedule", probe.Id));
        return Task.CompletedTask;
    }
}
