using Microsoft.AspNetCore.Builder;

namespace BitcoinEvents.Infrastructure.Idempotency;

/// <summary>Endpoint metadata: whether a mutating endpoint requires an Idempotency-Key (else it is optional but honoured).</summary>
public sealed record IdempotencyMetadata(bool Required);

public static class IdempotencyEndpointExtensions
{
    /// <summary>Requests to this endpoint must carry an Idempotency-Key; without one they get a 400.</summary>
    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyMetadata(Required: true));
}
