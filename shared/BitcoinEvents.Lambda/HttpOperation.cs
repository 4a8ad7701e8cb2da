using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Lambda;

/// <summary>
/// One HTTP operation of an area: its name (the function's Handler) and the method that maps its
/// endpoint, e.g. <c>new HttpOperation(GetEvent.Name, GetEvent.Map)</c>.
/// </summary>
/// <remarks>
/// Listed in <see cref="AreaDefinition.HttpOperations"/>, an operation is mapped on its own: a
/// Lambda function maps only the operation its Handler names, so its cold start builds one
/// endpoint (request delegate, metadata, route table) whatever the size of its area. Every other
/// host (Kestrel, DevHost, the tests, the route check) maps them all.
/// </remarks>
public sealed class HttpOperation
{
    private readonly Func<IEndpointRouteBuilder, IEndpointConventionBuilder> _map;

    /// <param name="name">The operation's name: the endpoint's <c>.WithName(...)</c> and the function's Handler.</param>
    /// <param name="map">Maps the operation's endpoint and names it <paramref name="name"/>.</param>
    public HttpOperation(string name, Func<IEndpointRouteBuilder, IEndpointConventionBuilder> map)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(map);
        Name = name;
        _map = map;
    }

    /// <summary>The operation's name, e.g. "GetEvent".</summary>
    public string Name { get; }

    /// <summary>
    /// Maps the operation's endpoint on <paramref name="routes"/>. When the endpoint is built (on
    /// the first request, or when a host lists its endpoints) it must carry the operation's name:
    /// a function whose Handler is <see cref="Name"/> would otherwise answer nothing.
    /// </summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _map(routes).Add(endpoint =>
        {
            var endpointName = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            if (!string.Equals(endpointName, Name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"HTTP operation '{Name}' maps an endpoint named '{endpointName ?? "(none)"}' ({endpoint.DisplayName}); " +
                    $"its Map must end with .WithName(\"{Name}\").");
            }
        });
    }

    public override string ToString() => $"Http {Name}";
}
