using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>The test area built for Lambda (LambdaHttpServer as its server), started once per class.</summary>
public sealed class HttpBridgeFixture : IAsyncLifetime
{
    public const string LambdaRequestId = "5b6c1c3e-1f0a-4c43-9d3e-7a8b9c0d1e2f";

    private WebApplication? _app;

    public Recorder Recorder { get; } = new();

    public LambdaHttpServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = LambdaApplication.Build(["--Logging:LogLevel:Default=None"], TestArea.Create(Recorder), TestArea.Defaults, lambda: true);
        await _app.StartAsync();
        Server = _app.Services.GetRequiredService<LambdaHttpServer>();
    }

    internal async Task<HttpApiResult> InvokeAsync(string eventJson) => HttpApiResult.Parse(await InvokeRawAsync(eventJson));

    internal async Task<string> InvokeRawAsync(string eventJson)
    {
        using var invocation = new LambdaInvocation(LambdaRequestId, DateTimeOffset.UtcNow.AddSeconds(30));
        return await Server.InvokeAsync(eventJson, invocation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
