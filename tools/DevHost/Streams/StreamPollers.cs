using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Streams;

/// <summary>Runs one <see cref="StreamPoller"/> per DynamoDB event source mapping for the app's lifetime.</summary>
internal sealed class StreamPollers(LocalDynamoDbStreams streams, IReadOnlyList<StreamPoller> pollers) : BackgroundService
{
    public IReadOnlyList<StreamPoller> Pollers => pollers;

    public override void Dispose()
    {
        base.Dispose();
        streams.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(pollers.Select(p => Task.Run(() => p.RunAsync(stoppingToken), CancellationToken.None)));
}
