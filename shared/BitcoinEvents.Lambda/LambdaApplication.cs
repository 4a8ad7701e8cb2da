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
    /// <param name="ownOperation">
    /// In Lambda, the only operation whose endpoint may answer (others get 404), and the only one of
    /// the area's <see cref="AreaDefinition.HttpOperations"/> mapped. Null: every endpoint is mapped.
    /// </param>
    /// <remarks>
    /// Both hosts start from the empty builder and add only what they use: every service and
    /// configuration source registered here is paid for on every cold start of every function.
    /// Kestrel gets what <c>WebApplication.CreateSlimBuilder</c> would give it (appsettings files,
    /// prefixed and plain environment variables, the command line, the console logger, the
    /// "Kestrel" section); Lambda gets environment variables and the command line only (the
    /// deployment package holds nothing but the bootstrap, so there is no file to read or watch)
    /// and one JSON line per log entry.
    /// </remarks>
    public static WebApplication Build(string[] args, AreaDefinition area, HostDefaults defaults, bool lambda, string? ownOperation = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = EnvironmentName(),
        });
        if (lambda)
        {
            ConfigureForLambda(builder, args);
        }
        else
        {
            ConfigureForKestrel(builder, args);
        }

        builder.Services.AddRoutingCore();
        defaults.AddServices(builder);
        area.AddServices(builder);
        var app = builder.Build();
        if (lambda && !string.IsNullOrEmpty(ownOperation))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OwnOperationMiddleware>();
            app.UseRouting();
            app.Use(next => new OwnOperationMiddleware(next, ownOperation, logger).InvokeAsync);
        }

        var routes = defaults.UsePipeline(app);
        if (lambda && !string.IsNullOrEmpty(ownOperation))
        {
            // One function, one operation: building the area's other endpoints would only slow its cold start.
            area.MapEndpointsOf(routes, ownOperation);
        }
        else
        {
            area.MapEndpoints(routes);
        }

        return app;
    }

    private static void ConfigureForLambda(WebApplicationBuilder builder, string[] args)
    {
        // Lowest-priority defaults (environment and args still win): no per-request framework lines
        // (they carry paths and query strings), every invocation pays for its logs.
        builder.Configuration.Sources.Add(new MemoryConfigurationSource
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
        // The function's settings (table names, endpoints, ...) are its environment variables.
        builder.Configuration.AddEnvironmentVariables();
        AddCommandLine(builder.Configuration, args);

        builder.Services.AddSingleton<LambdaHttpServer>();
        builder.Services.AddSingleton<IServer>(services => services.GetRequiredService<LambdaHttpServer>());
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // One JSON object per line on stdout, each carrying the invocation's AwsRequestId scope.
        builder.Logging.AddProvider(new JsonLinesLoggerProvider(Console.OpenStandardOutput(), TimeProvider.System));
    }

    // What CreateSlimBuilder adds for a local run, in its order, minus host filtering (no area
    // configures AllowedHosts) and user secrets (no project has a UserSecretsId).
    private static void ConfigureForKestrel(WebApplicationBuilder builder, string[] args)
    {
        var configuration = builder.Configuration;
        configuration.AddEnvironmentVariables(prefix: "ASPNETCORE_");
        configuration.AddEnvironmentVariables(prefix: "DOTNET_");
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: true);
        configuration.AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: true);
        configuration.AddEnvironmentVariables();
        AddCommandLine(configuration, args);

        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole();
        builder.WebHost.UseKestrelCore().ConfigureKestrel((context, kestrel) =>
            kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: true));
        if (!HasConfiguredUrls(configuration))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }
    }

    private static void AddCommandLine(ConfigurationManager configuration, string[] args)
    {
        if (args.Length > 0)
        {
            configuration.AddCommandLine(args);
        }
    }

    // The empty builder reads no environment variable for its environment name; the slim one reads
    // ASPNETCORE_ENVIRONMENT and then DOTNET_ENVIRONMENT (the later wins). Null: Production.
    private static string? EnvironmentName() =>
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
        : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
        : null;

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
