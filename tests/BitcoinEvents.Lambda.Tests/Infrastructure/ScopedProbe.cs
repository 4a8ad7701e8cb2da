namespace BitcoinEvents.Lambda.Tests;

/// <summary>A scoped service that reports its own disposal: shows which DI scope served what.</summary>
public sealed class ScopedProbe(Recorder recorder) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => recorder.DisposedScopes.Enqueue(Id);
}
