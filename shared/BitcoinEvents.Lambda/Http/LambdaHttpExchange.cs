using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace BitcoinEvents.Lambda;

/// <summary>The features of one bridged request: what Kestrel would give the application.</summary>
internal sealed class LambdaHttpExchange : IDisposable
{
    public LambdaHttpExchange(HttpApiRequest request, LambdaInvocation invocation)
    {
        var body = HttpApiRequestTranslator.DecodeBody(request);
        Request = HttpApiRequestTranslator.ToRequestFeature(request, body);
        ResponseBody = new LambdaResponseBodyFeature(new MemoryStream(), Response);

        Features.Set<IHttpRequestFeature>(Request);
        Features.Set<IHttpRequestBodyDetectionFeature>(new RequestBodyDetectionFeature(body.Length > 0));
        Features.Set<IHttpResponseFeature>(Response);
        Features.Set<IHttpResponseBodyFeature>(ResponseBody);
        Features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = invocation.RequestId });
        Features.Set<IHttpConnectionFeature>(HttpApiRequestTranslator.ToConnectionFeature(request, invocation));
        Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = invocation.CancellationToken });
        Features.Set<IHttpAuthenticationFeature>(new HttpAuthenticationFeature
        {
            User = ApiGatewayClaims.ToPrincipal(request.RequestContext.Authorizer?.Jwt),
        });
        Features.Set(new HttpApiEventFeature(request, invocation));
        if (request.RequestContext.Authentication?.ClientCert is { } clientCert)
        {
            Tls = new HttpApiTlsConnectionFeature(clientCert.ClientCertPem);
            Features.Set<ITlsConnectionFeature>(Tls);
        }
    }

    public FeatureCollection Features { get; } = new();

    public HttpRequestFeature Request { get; }

    public LambdaResponseFeature Response { get; } = new();

    public LambdaResponseBodyFeature ResponseBody { get; }

    private HttpApiTlsConnectionFeature? Tls { get; }

    public void Dispose()
    {
        ResponseBody.Dispose();
        ResponseBody.Buffer.Dispose();
        Request.Body.Dispose();
        Tls?.Dispose();
    }
}
