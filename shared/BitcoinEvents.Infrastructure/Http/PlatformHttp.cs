using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Aws;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Infrastructure.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// What every area's HTTP app shares: problem details, source-generated JSON, the client-error
/// exception handler, authentication, idempotency and the AWS clients. Both calls are safe to make
/// more than once (the local DevHost runs every area in one app).
/// </summary>
public static class PlatformHttp
{
    private const string PipelineMarker = "BitcoinEvents.PlatformHttp.Pipeline";

    public static WebApplicationBuilder AddPlatformHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return builder;
        }

        services.AddSingleton<Marker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
        // Binding failures throw, so the exception handler can name the field (else: an empty 400).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // camelCase (the web defaults), nulls left out.
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.TypeInfoResolverChain.Add(PlatformJsonContext.Default);
        });
        services.AddPlatformAuthentication();
        services.TryAddSingleton<IdempotencyStore>();
        services.TryAddSingleton<IdempotencyMiddleware>();
        services.AddAwsClients();
        services.TryAddSingleton<MediaUploads>();
        return builder;
    }

    /// <summary>
    /// The shared middleware, in order: exception handler (client errors → 4xx problems), status
    /// code problems (empty 401/403/404/405 bodies), authentication, authorization, idempotency.
    /// </summary>
    public static WebApplication UsePlatformHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var properties = ((IApplicationBuilder)app).Properties;
        if (properties.ContainsKey(PipelineMarker))
        {
            return app;
        }

        properties[PipelineMarker] = true;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    private sealed class Marker;
}

/// <summary>Types the platform serializes itself (problem extensions are strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class PlatformJsonContext : JsonSerializerContext;
