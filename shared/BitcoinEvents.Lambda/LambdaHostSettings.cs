using Microsoft.AspNetCore.Builder;

namespace BitcoinEvents.Lambda;

/// <summary>What <see cref="LambdaEntryPoint"/> reads from the environment; tests pass their own.</summary>
internal sealed record LambdaHostSettings(string? RuntimeApi, string? Handler)
{
    /// <summary>Called once the local (Kestrel) application has started.</summary>
    public Action<WebApplication>? OnLocalStarted { get; init; }

    public static LambdaHostSettings FromEnvironment() => new(LambdaEnvironment.RuntimeApi, LambdaEnvironment.Handler);
}
