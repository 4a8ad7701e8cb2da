using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace BitcoinEvents.Lambda;

/// <summary>
/// One area's operations: its own services, its HTTP endpoints and its queue consumers and
/// schedules. The platform's shared setup (problem details, authentication, idempotency, AWS
/// clients) is not the area's business: the host adds it once (<see cref="HostDefaults"/>).
/// The same definition runs on Kestrel locally and behind the Lambda Runtime API in AWS.
/// </summary>
public sealed class AreaDefinition
{
    private readonly Action<IEndpointRouteBuilder>? _mapEndpoints;

    /// <summary>The area's name, e.g. "Events" (its folder under functions/).</summary>
    public required string Name { get; init; }

    /// <summary>Registers the area's own services (stores, jobs, its JSON metadata).</summary>
    public Action<IHostApplicationBuilder> AddServices { get; init; } = static _ => { };

    /// <summary>
    /// The area's HTTP operations, one entry per endpoint: <c>new(GetEvent.Name, GetEvent.Map)</c>.
    /// In Lambda a function maps only the operation its Handler names (its cold start builds one
    /// endpoint, not the area's all); every other host maps them all (<see cref="MapEndpoints"/>).
    /// </summary>
    public IReadOnlyList<HttpOperation> HttpOperations { get; init; } = [];

    /// <summary>
    /// Maps every endpoint of the area on the routes the host hands over (the platform's pipeline
    /// and endpoint conventions already in place): what was set here, then each of
    /// <see cref="HttpOperations"/>. Every endpoint is named after its operation with
    /// <c>.WithName("&lt;OperationName&gt;")</c>: that name is the function's Handler.
    /// </summary>
    /// <remarks>
    /// Setting this is the older way to declare an area's endpoints: they are then mapped, all of
    /// them, in every one of the area's functions, and a function lists them at start to find its
    /// Handler (which builds them twice). <see cref="HttpOperations"/> avoids both. The two can be
    /// combined while an area moves over, one operation at a time.
    /// </remarks>
    public Action<IEndpointRouteBuilder> MapEndpoints
    {
        get => MapAllEndpoints;
        init => _mapEndpoints = value;
    }

    /// <summary>The area's queue consumers and scheduled jobs.</summary>
    public IReadOnlyList<BackgroundOperation> BackgroundOperations { get; init; } = [];

    /// <summary>True when the area maps endpoints through <see cref="MapEndpoints"/> (the older way), in every function.</summary>
    internal bool MapsEndpointsInEveryFunction => _mapEndpoints is not null;

    /// <summary>
    /// Maps what every function of the area maps (<see cref="MapEndpoints"/> as set), then the
    /// operation named <paramref name="operation"/> if it is one of <see cref="HttpOperations"/>.
    /// </summary>
    internal void MapEndpointsOf(IEndpointRouteBuilder routes, string operation)
    {
        ThrowIfDuplicateOperations();
        _mapEndpoints?.Invoke(routes);
        foreach (var httpOperation in HttpOperations)
        {
            if (string.Equals(httpOperation.Name, operation, StringComparison.Ordinal))
            {
                httpOperation.Map(routes);
            }
        }
    }

    private void MapAllEndpoints(IEndpointRouteBuilder routes)
    {
        ThrowIfDuplicateOperations();
        _mapEndpoints?.Invoke(routes);
        foreach (var httpOperation in HttpOperations)
        {
            httpOperation.Map(routes);
        }
    }

    private void ThrowIfDuplicateOperations()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = HttpOperations.Where(o => !names.Add(o.Name)).Select(o => o.Name).Distinct(StringComparer.Ordinal).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Area {Name} lists HTTP operations more than once: {string.Join(", ", duplicates)}.");
        }
    }
}
