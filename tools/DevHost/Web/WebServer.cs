using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace BitcoinEvents.DevHost.Web;

/// <summary>Where the web app finds the platform: its <c>/config.json</c> (tools/deploy-web.sh writes the same shape in AWS).</summary>
internal sealed record WebConfig(Uri ApiUrl, Uri CognitoEndpoint, string ClientId)
{
    public string ToJson() => new JsonObject
    {
        ["apiUrl"] = ApiUrl.ToString().TrimEnd('/'),
        ["cognito"] = new JsonObject { ["endpoint"] = CognitoEndpoint.ToString(), ["clientId"] = ClientId },
    }.ToJsonString();
}

/// <summary>
/// The web app on its own port, as CloudFront serves it: the files of web/out with the same
/// clean-URL rule as template.yaml's <c>WebRewriteFunction</c> (<c>/event</c> → <c>event.html</c>,
/// ids in the query string), <c>/404.html</c> for anything else, the template's security headers
/// (CSP localized to this machine), compression, and <c>/config.json</c> pointing at the local
/// API and cognito-local.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Origin => WebTemplate.Origin(BaseUrl);

    /// <summary>
    /// Starts serving <paramref name="root"/> on 127.0.0.1:<paramref name="port"/> (0: a free one).
    /// <paramref name="config"/> and <paramref name="contentSecurityPolicy"/> are read per request:
    /// the API's port is known only once the API has started.
    /// </summary>
    public static async Task<WebServer> StartAsync(string root, int port, Func<WebConfig?> config, Func<string> contentSecurityPolicy, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(WebServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        var app = builder.Build();
        app.UseResponseCompression();
        var types = new FileExtensionContentTypeProvider();
        app.Run(context => ServeAsync(context, root, types, config, contentSecurityPolicy, headers));
        await app.StartAsync(cancellationToken);
        var url = app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";
        return new WebServer(app, new Uri(url));
    }

    /// <summary>The file a request path names, as WebRewriteFunction maps it: a trailing slash gets index.html, a last segment without a dot gets .html.</summary>
    public static string FileFor(string path)
    {
        if (path.Length == 0 || path.EndsWith('/'))
        {
            return path + "index.html";
        }

        return path.LastIndexOf('.') <= path.LastIndexOf('/') ? path + ".html" : path;
    }

    private static async Task ServeAsync(HttpContext context, string root, FileExtensionContentTypeProvider types, Func<WebConfig?> config, Func<string> csp, IReadOnlyDictionary<string, string> headers)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = csp();
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (path == "/config.json")
        {
            response.Headers.CacheControl = "no-cache";
            if (config() is not { } current)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            response.ContentType = "application/json";
            await response.WriteAsync(current.ToJson(), context.RequestAborted);
            return;
        }

        var files = new PhysicalFileProvider(root);
        if (!files.GetFileInfo("index.html").Exists)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("The web app is being built (first run or changed sources): reload in a minute.", context.RequestAborted);
            return;
        }

        var file = files.GetFileInfo(FileFor(path));
        if (!file.Exists || file.IsDirectory)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            file = files.GetFileInfo("404.html");
            if (!file.Exists)
            {
                return;
            }
        }

        response.ContentType = types.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        response.Headers.CacheControl = path.StartsWith("/_next/static/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
        response.ContentLength = file.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.SendFileAsync(file, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
