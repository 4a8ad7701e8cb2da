namespace BitcoinEvents.Lambda;

/// <summary>
/// The HTTP API event a bridged request came from and the Lambda invocation that carried it, for
/// what has no place in the ASP.NET Core request: API Gateway's request context (its request id,
/// the mutual TLS client certificate's subject, issuer, serial and validity, ...) and the
/// invocation's deadline. <c>HttpContext.Features.Get&lt;HttpApiEventFeature&gt;()</c>; null on Kestrel.
/// </summary>
public sealed class HttpApiEventFeature(HttpApiRequest @event, LambdaInvocation invocation)
{
    public HttpApiRequest Event { get; } = @event;

    public LambdaInvocation Invocation { get; } = invocation;
}
