using Microsoft.Extensions.Hosting;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>A hosted service that needs a service nobody registered: start-up fails in DI.</summary>
public sealed class BrokenHostedService(IMissingDependency dependency) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(dependency);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public interface IMissingDependency;
