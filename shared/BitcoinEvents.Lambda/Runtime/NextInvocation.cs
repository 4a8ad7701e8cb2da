namespace BitcoinEvents.Lambda;

/// <summary>What <c>GET runtime/invocation/next</c> returned: the event and its headers.</summary>
internal sealed record NextInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    string EventJson);
