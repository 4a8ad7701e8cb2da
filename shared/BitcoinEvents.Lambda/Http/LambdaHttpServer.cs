using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// An <see cref="IServer"/> fed by Lambda instead of sockets: every HTTP API (payload 2.0) event
/// runs through the application's pipeline (routing, middleware, DI scopes, problem details and
/// authorization unchanged) and its buffered response becomes the payload 2.0 response.
/// </summary>
public sealed class LambdaHttpServer : IServer
{
    /// <summary>Authentication type of the user built from API Gateway's validated JWT claims.</summary>
    public const string JwtAuthenticationType = "ApiGatewayJwt";

    /// <summary>The claim <c>User.Identity.Name</c> reads: the token's subject.</summary>
    public const string JwtNameClaimType = "sub";

    /// <summary>The claim <c>User.IsInRole</c> reads: the caller's Cognito groups.</summary>
    public const string JwtRoleClaimType = "cognito:groups";

    private readonly ILogger<LambdaHttpServer> _logger;
    private Func<HttpApiRequest, LambdaInvocation, Task<HttpApiResponse>>? _application;

    public LambdaHttpServer(ILogger<LambdaHttpServer> logger)
    {
        _logger = logger;
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _application = (request, invocation) => ProcessAsync(application, request, invocation);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _application = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _application = null;

    /// <summary>Serves one raw payload 2.0 event and returns the raw payload 2.0 response.</summary>
    public async Task<string> InvokeAsync(string eventJson, LambdaInvocation invocation)
    {
        var request = JsonSerializer.Deserialize(eventJson, LambdaJsonContext.Default.HttpApiRequest);
        if (request is not { Version: "2.0", RequestContext.Http.Method.Length: > 0 })
        {
            throw new InvalidHttpApiEventException(
                "The event is not an API Gateway HTTP API request in payload format 2.0 (version \"2.0\" with "
                + "requestContext.http.method); check the integration's PayloadFormatVersion.");
        }

        var response = await InvokeAsync(request, invocation);
        return JsonSerializer.Serialize(response, LambdaJsonContext.Wire.HttpApiResponse);
    }

    /// <summary>Serves one payload 2.0 request. An exception in the application becomes a 500 problem.</summary>
    public Task<HttpApiResponse> InvokeAsync(HttpApiRequest request, LambdaInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(invocation);
        var application = _application ?? throw new InvalidOperationException("The server has not been started.");
        return application(request, invocation);
    }

    private async Task<HttpApiResponse> ProcessAsync<TContext>(
        IHttpApplication<TContext> application, HttpApiRequest request, LambdaInvocation invocation)
        where TContext : notnull
    {
        using var exchange = new LambdaHttpExchange(request, invocation);
        var context = application.CreateContext(exchange.Features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await exchange.ResponseBody.CompleteAsync();
        }
#pragma warning disable CA1031 // Like Kestrel: the application's exception becomes a 500, the server goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
            LambdaLog.HttpApplicationFailed(_logger, exception, request.RouteKey);
        }

        var response = failure is null
            ? HttpApiResponseTranslator.ToResponse(exchange.Response, exchange.ResponseBody.Buffer, HttpMethods.IsHead(exchange.Request.Method))
            : HttpApiResponseTranslator.InternalServerError();
        await exchange.Response.FireOnCompletedAsync(_logger);
        application.DisposeContext(context, failure);
        return response;
    }
}
