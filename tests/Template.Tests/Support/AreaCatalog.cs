using BitcoinEvents.LocalAws;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Template.Tests.Support;

/// <summary>
/// The areas template.yaml declares (found the way DevHost finds them), and what each can serve:
/// its endpoint names (read from the area's own app, built with dummy configuration and never
/// started) and its background operations.
/// </summary>
internal static class AreaCatalog
{
    /// <summary>Area (folder under functions/) → its definition.</summary>
    public static IReadOnlyDictionary<string, AreaDefinition> Areas { get; } =
        BitcoinEvents.DevHost.Areas.Of(SamTemplate.LoadDefault()).ToDictionary(a => a.Name, StringComparer.Ordinal);

    // Values for every setting an area may read while its services are built; nothing is called.
    private static readonly Dictionary<string, string?> s_dummyConfiguration = new(StringComparer.Ordinal)
    {
        ["STAGE"] = "test",
        ["AWS_REGION"] = "us-east-1",
        ["EVENTS_TABLE"] = "template-tests-events",
        ["IDEMPOTENCY_TABLE"] = "template-tests-idempotency",
        ["MEDIA_BUCKET"] = "template-tests-media",
        ["AUTH_ISSUER"] = "http://127.0.0.1:9/template-tests",
        ["AUTH_AUDIENCE"] = "template-tests",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:9",
        ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9",
    };

    private static readonly Lazy<Task<IReadOnlyDictionary<string, AreaOperations>>> s_operations = new(LoadAllAsync);

    public static Task<IReadOnlyDictionary<string, AreaOperations>> OperationsAsync() => s_operations.Value;

    private static async Task<IReadOnlyDictionary<string, AreaOperations>> LoadAllAsync()
    {
        var result = new Dictionary<string, AreaOperations>(StringComparer.Ordinal);
        foreach (var (name, area) in Areas)
        {
            result[name] = await OperationsOfAsync(area);
        }

        return result;
    }

    /// <summary>The operations of one area: the app is built and its endpoints mapped, not started.</summary>
    public static async Task<AreaOperations> OperationsOfAsync(AreaDefinition area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(s_dummyConfiguration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        PlatformHttp.Defaults.AddServices(builder);
        area.AddServices(builder);
        await using var app = builder.Build();
        area.MapEndpoints(PlatformHttp.Defaults.UsePipeline(app));

        // The app's own data sources: the DI composite is filled only when the pipeline is built at start.
        var names = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new AreaOperations(area.Name, names, area.BackgroundOperations.Select(o => o.Name).ToList());
    }
}
