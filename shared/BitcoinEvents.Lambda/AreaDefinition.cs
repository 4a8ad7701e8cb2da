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
    /// <summary>The area's name, e.g. "Events" (its folder under functions/).</summary>
    public required string Name { get; init; }

    /// <summary>Registers the area's own services (stores, jobs, its JSON metadata).</summary>
    public Action<IHostApplicationBuilder> AddServices { get; init; } = static _ => { };

    /// <summary>
    /// Maps the area's endpoints on the routes the host hands over (the platform's pipeline and
    /// endpoint conventions already in place). Every endpoint is named after its operation with
    /// <c>.WithName("&lt;OperationName&gt;")</c>: that name is the function's Handler.
    /// </summary>
    public Action<IEndpointRouteBuilder> MapEndpoints { get; init; } = static _ => { };

    /// <summary>The area's queue consumers and scheduled jobs.</summary>
    public IReadOnlyList<BackgroundOperation> BackgroundOperations { get; init; } = [];
}
