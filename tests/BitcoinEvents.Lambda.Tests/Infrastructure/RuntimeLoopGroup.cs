namespace BitcoinEvents.Lambda.Tests;

/// <summary>
/// Tests that drive the runtime loop: the loop sets the process-wide _X_AMZN_TRACE_ID, so they
/// run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeLoopGroup
{
    public const string Name = "Lambda runtime loop";
}
