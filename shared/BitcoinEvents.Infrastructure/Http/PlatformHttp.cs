using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Aws;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Infrastructure.Media;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// What every area's HTTP app shares: problem details, source-generated JSON, the client-error
/// exception handler, authentication, idempotency and the AWS clients. The host applies it once
/// (<see cref="Defaults"/>: an area's bootstrap through <see cref="PlatformHost"/>, DevHost for
/// every area at once); areas never call it.
/// </summary>
public static class PlatformHttp
{
    /// <summary>The platform's services and pipeline, as a host applies them around its areas.</summary>
    public static HostDefaults Defaults { get; } = new()
    {
        AddServices = builder => builder.AddPlatformHttp(),
        UsePipeline = app => app.UsePlatformHttp(),
    };

    public static WebApplicationBuilder AddPlatformHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
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
        services.AddAwsClients();
        services.TryAddSingleton<MediaUploads>();
        return builder;
    }

    /// <summary>
    /// The shared middleware, in order: exception handler (client errors → 4xx problems), status
    /// code problems (empty 401/403/404/405 bodies), authentication, authorization, idempotency.
    /// Returns the group areas map their operations on: every endpoint in it is marked
    /// <see cref="PlatformOperationMetadata"/>, which the platform's middleware acts on.
    /// </summary>
    public static IEndpointRouteBuilder UsePlatformHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app.MapGroup(string.Empty).WithMetadata(PlatformOperationMetadata.Instance);
    }
}

/// <summary>Marks an endpoint as an operation of an area (mapped through the platform's pipeline).</summary>
public sealed class PlatformOperationMetadata
{
    public static PlatformOperationMetadata Instance { get; } = new();

    private PlatformOperationMetadata()
    {
    }
}

/// <summary>Types the platform serializes itself (problem extensions are strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class PlatformJsonContext : JsonSerializerContext;
