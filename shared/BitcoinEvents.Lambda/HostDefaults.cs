using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Lambda;

/// <summary>
/// What a host (one area's bootstrap in Lambda or on Kestrel, or DevHost for every area) adds
/// exactly once around the areas it runs: the platform's services, then its HTTP pipeline, whose
/// result is the route builder every area maps its endpoints on.
/// </summary>
public sealed class HostDefaults
{
    /// <summary>Nothing around the areas: the hosting layer's own tests.</summary>
    public static HostDefaults None { get; } = new();

    /// <summary>Registers the platform's shared services; called before any area's.</summary>
    public Action<WebApplicationBuilder> AddServices { get; init; } = static _ => { };

    /// <summary>Adds the shared middleware and returns where areas map their endpoints.</summary>
    public Func<WebApplication, IEndpointRouteBuilder> UsePipeline { get; init; } = static app => app;
}
