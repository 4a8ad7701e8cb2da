using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
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
/// What every area's HTTP app shares: problem details (one table, <see cref="ProblemKinds"/>),
/// strict source-generated JSON (<see cref="PlatformJson"/>), the client-error exception handler,
/// authentication and the resolved caller, resource ids, request body rules, idempotency and the
/// AWS clients. The host applies it once
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
        // One writer for every problem, whatever the request accepts (ProblemKinds fills type, title, code).
        services.RemoveAll<IProblemDetailsWriter>();
        services.AddSingleton<IProblemDetailsWriter, PlatformProblemWriter>();
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
        // Binding failures throw, so the exception handler can name the field (else: an empty 400).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            PlatformJson.Apply(options.SerializerOptions);
            options.SerializerOptions.TypeInfoResolverChain.Add(PlatformJsonContext.Default);
        });
        services.AddPlatformAuthentication();
        // A handler's Caller parameter: the request's caller, resolved by the pipeline.
        services.TryAddScoped<RequestCaller>();
        services.TryAddScoped(RequestCaller.Require);
        services.AddOptions<ResourceIdOptions>();
        services.TryAddSingleton<IdempotencyStore>();
        services.AddAwsClients();
        services.TryAddSingleton<MediaUploads>();
        return builder;
    }

    /// <summary>
    /// The shared middleware, in order: exception handler (client errors → 4xx problems), status
    /// code problems (empty 401/403/404/405 bodies), authentication, authorization, the caller
    /// (401 for a token without subject), resource ids (404 for an id that can't exist), request
    /// bodies (415 for anything but UTF-8 JSON, 413 above the limit), idempotency.
    /// Returns the group areas map their operations on: every endpoint in it is marked
    /// <see cref="PlatformOperationMetadata"/>, which the platform's middleware acts on, and
    /// declares the problems that middleware can answer it with (the API description lists them).
    /// </summary>
    public static IEndpointRouteBuilder UsePlatformHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestCallerMiddleware>();
        app.UseMiddleware<ResourceIdMiddleware>();
        app.UseMiddleware<RequestBodyMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        var operations = app.MapGroup(string.Empty).WithMetadata(PlatformOperationMetadata.Instance);
        ((IEndpointConventionBuilder)operations).Finally(PlatformEndpoints.Apply);
        return operations;
    }
}

/// <summary>Marks an endpoint as an operation of an area (mapped through the platform's pipeline).</summary>
public sealed class PlatformOperationMetadata
{
    public static PlatformOperationMetadata Instance { get; } = new();

    public static bool IsOperation(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<PlatformOperationMetadata>() is not null;

    public static bool IsOperation(HttpContext context) => IsOperation(context.GetEndpoint());

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
