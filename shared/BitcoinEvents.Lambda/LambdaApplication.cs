using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>Builds an area's application, for Kestrel or for the Lambda bridge. Once per process.</summary>
internal static class LambdaApplication
{
    /// <summary>Where the area listens locally when no URL is configured: loopback only.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:5000";

    /// <param name="args">Command-line arguments (configuration).</param>
    /// <param name="area">The area.</param>
    /// <param name="defaults">What the host adds around the area, once.</param>
    /// <param name="lambda">True: <see cref="LambdaHttpServer"/> is the server; false: Kestrel.</param>
    /// <param name="ownOperation">In Lambda, the only operation whose endpoint may answer; others get 404.</param>
    public static WebApplication Build(string[] args, AreaDefinition area, HostDefaults defaults, bool lambda, string? ownOperation = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (lambda)
        {
            // Lowest-priority defaults (appsettings, environment and args still win): no per-request
            // framework lines (they carry paths and query strings), every invocation pays for its logs.
            ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                    // "Press Ctrl+C", content root and environment mean nothing inside Lambda.
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                    // With LogFormat JSON, Lambda passes the function's ApplicationLogLevel here and
                    // leaves filtering to a custom runtime's process.
                    ["Logging:LogLevel:Default"] = ApplicationLogLevel(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL")),
                },
            });
            builder.Services.AddSingleton<LambdaHttpServer>();
            builder.Services.AddSingleton<IServer>(services => services.GetRequiredService<LambdaHttpServer>());
            // One JSON object per line on stdout, each carrying the invocation's AwsRequestId scope.
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }

        defaults.AddServices(builder);
        area.AddServices(builder);
        var app = builder.Build();
        if (lambda && !string.IsNullOrEmpty(ownOperation))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OwnOperationMiddleware>();
            app.UseRouting();
            app.Use(next => new OwnOperationMiddleware(next, ownOperation, logger).InvokeAsync);
        }

        area.MapEndpoints(defaults.UsePipeline(app));
        return app;
    }

    /// <summary>The names of the app's endpoints (<c>.WithName(...)</c>): its HTTP operations.</summary>
    public static IReadOnlySet<string> HttpOperationNames(WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static bool HasConfiguredUrls(ConfigurationManager configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>Lambda's application log level names (TRACE … FATAL) as .NET log levels; Information by default.</summary>
    internal static string ApplicationLogLevel(string? lambdaLevel) => lambdaLevel?.ToUpperInvariant() switch
    {
        "TRACE" => nameof(LogLevel.Trace),
        "DEBUG" => nameof(LogLevel.Debug),
        "WARN" => nameof(LogLevel.Warning),
        "ERROR" => nameof(LogLevel.Error),
        "FATAL" => nameof(LogLevel.Critical),
        _ => nameof(LogLevel.Information),
    };
}
