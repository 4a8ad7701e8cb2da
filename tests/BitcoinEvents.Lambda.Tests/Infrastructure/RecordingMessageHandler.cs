namespace BitcoinEvents.Lambda.Tests;

/// <summary>Records every message it is given; throws for messages marked to fail.</summary>
public sealed class RecordingMessageHandler(Recorder recorder, ScopedProbe probe) : ISqsMessageHandler<TestMessage>
{
    public Task HandleAsync(TestMessage message, SqsMessageContext context, CancellationToken ct)
    {
        recorder.HandledOrderIds.Enqueue(message.OrderId);
        recorder.HandlerScopes.Enqueue((message.OrderId, probe.Id));
        recorder.Contexts.Enqueue(context);
        return message.Fail
            ? throw new InvalidOperationException($"Order {message.OrderId} cannot be handled.")
            : Task.CompletedTask;
    }
}
