using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>Keeps every log line (message and exception text) for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(Entries);

    public void Dispose()
    {
    }
}
