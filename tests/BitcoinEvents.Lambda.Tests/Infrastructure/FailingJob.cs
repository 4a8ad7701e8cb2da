namespace BitcoinEvents.Lambda.Tests;

public sealed class FailingJob : IScheduledJob
{
    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct) =>
        throw new InvalidOperationException("The settlement ledger is locked.");
}
