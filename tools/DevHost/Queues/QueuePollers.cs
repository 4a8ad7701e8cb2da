using Amazon.SQS;

namespace BitcoinEvents.DevHost.Queues;

/// <summary>Runs one <see cref="QueuePoller"/> per SQS event source mapping for the app's lifetime.</summary>
internal sealed class QueuePollers(IAmazonSQS sqs, IReadOnlyList<QueuePoller> pollers) : BackgroundService
{
    public IReadOnlyList<QueuePoller> Pollers => pollers;

    public override void Dispose()
    {
        base.Dispose();
        sqs.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(pollers.Select(p => Task.Run(() => p.RunAsync(stoppingToken), CancellationToken.None)));
}
