using Microsoft.AspNetCore.Http.Features;

namespace BitcoinEvents.Lambda;

/// <summary>Tells body binding whether the request has a body (minimal APIs skip reading when not).</summary>
internal sealed class RequestBodyDetectionFeature(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody { get; } = canHaveBody;
}
