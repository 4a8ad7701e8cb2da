using Microsoft.AspNetCore.Http;

namespace BitcoinEvents.Lambda;

/// <summary>The buffered response body; starting it fires the OnStarting callbacks.</summary>
internal sealed class LambdaResponseBodyFeature(MemoryStream buffer, LambdaResponseFeature response)
    : StreamResponseBodyFeature(buffer)
{
    public MemoryStream Buffer { get; } = buffer;

    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await response.FireOnStartingAsync();
        await base.StartAsync(cancellationToken);
    }
}
