using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda.Tests;

internal sealed class CapturingLogger(ConcurrentQueue<string> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
