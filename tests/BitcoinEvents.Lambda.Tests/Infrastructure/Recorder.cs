using System.Collections.Concurrent;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>What the test area's handlers, jobs and callbacks saw; registered as a singleton.</summary>
public sealed class Recorder
{
    public ConcurrentQueue<string> HandledOrderIds { get; } = new();

    public ConcurrentQueue<(string OrderId, Guid ScopeId)> HandlerScopes { get; } = new();

    public ConcurrentQueue<SqsMessageContext> Contexts { get; } = new();

    public ConcurrentQueue<ScheduledEvent> ScheduledRuns { get; } = new();

    public ConcurrentQueue<(string Key, DynamoDbStreamRecord Record, DynamoDbStreamRecordContext Context, Guid ScopeId)> StreamRecords { get; } = new();

    public ConcurrentQueue<Guid> DisposedScopes { get; } = new();

    public ConcurrentQueue<string> CompletedRequests { get; } = new();

    /// <summary>The listed HTTP operations the host mapped, in order.</summary>
    public ConcurrentQueue<string> MappedOperations { get; } = new();
}
