using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Lambda.Tests;

public sealed class ScheduleOperationTests : IAsyncDisposable
{
    private readonly Recorder _recorder = new();
    private readonly ServiceProvider _services;

    public ScheduleOperationTests()
    {
        _services = new ServiceCollection()
            .AddSingleton(_recorder)
            .AddScoped<ScopedProbe>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_ParsesTheScheduledEventEnvelope()
    {
        var operation = BackgroundOperation.Schedule<RecordingJob>("CompleteEndedEvents");
        using var invocation = new LambdaInvocation("schedule", DateTimeOffset.UtcNow.AddSeconds(30));

        var response = await operation.InvokeAsync(_services, Fixtures.Read("scheduled-event.json"), invocation);

        Assert.Equal("{}", response);
        Assert.Equal(BackgroundOperationKind.Schedule, operation.Kind);
        var run = Assert.Single(_recorder.ScheduledRuns);
        Assert.Equal("0", run.Version);
        Assert.Equal("7bf73129-1428-4cd3-a780-95db273d1602", run.Id);
        Assert.Equal("Scheduled Event", run.DetailType);
        Assert.Equal("aws.events", run.Source);
        Assert.Equal("111122223333", run.Account);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero), run.Time);
        Assert.Equal("eu-west-1", run.Region);
        Assert.Equal(["arn:aws:events:eu-west-1:111122223333:rule/CompleteEndedEvents-Hourly"], run.Resources);
        Assert.Equal(JsonValueKind.Object, run.Detail.ValueKind);
        Assert.Empty(run.Detail.EnumerateObject());
    }

    [Fact]
    public async Task InvokeAsync_RunsTheJobInItsOwnScope()
    {
        var operation = BackgroundOperation.Schedule<RecordingJob>("CompleteEndedEvents");
        using var invocation = new LambdaInvocation("schedule", DateTimeOffset.UtcNow.AddSeconds(30));

        await operation.InvokeAsync(_services, Fixtures.Read("scheduled-event.json"), invocation);
        await operation.InvokeAsync(_services, Fixtures.Read("scheduled-event.json"), invocation);

        var scopes = _recorder.HandlerScopes.Select(entry => entry.ScopeId).ToList();
        Assert.Equal(2, scopes.Distinct().Count());
        Assert.All(scopes, scope => Assert.Contains(scope, _recorder.DisposedScopes));
    }

    [Fact]
    public async Task InvokeAsync_WhenJobThrows_FailsTheInvocation()
    {
        var operation = BackgroundOperation.Schedule<FailingJob>("SettleRewards");
        using var invocation = new LambdaInvocation("schedule", DateTimeOffset.UtcNow.AddSeconds(30));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => operation.InvokeAsync(_services, Fixtures.Read("scheduled-event.json"), invocation));

        Assert.Equal("The settlement ledger is locked.", exception.Message);
    }
}
