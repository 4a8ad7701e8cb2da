using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BitcoinEvents.DevHost.Routing;

/// <summary>One HttpApi route of template.yaml and the function that owns it.</summary>
internal sealed record TemplateRoute(string Method, string Path, string FunctionLogicalId, string Handler, bool RequiresAuthorization);

/// <summary>One endpoint an area mapped: its operation name (<c>.WithName</c>), method, path and auth.</summary>
internal sealed record AreaEndpoint(string? Operation, string Method, string Path, bool AllowsAnonymous);

/// <summary>A function of template.yaml fed by a queue or a schedule, and what it expects from the code.</summary>
internal sealed record TemplateBackgroundFunction(string FunctionLogicalId, string Handler, string Kind);

/// <summary>A background operation an area offers: its name and kind (Queue or Schedule).</summary>
internal sealed record AreaBackgroundOperation(string Name, string Kind);

/// <summary>
/// template.yaml is the source of truth (ARCHITECTURE decision 11): the routes the areas map must
/// be exactly the template's HttpApi routes, each endpoint named by the Handler of the function
/// that owns its route, anonymous exactly where the template's route has no authorizer; and
/// every queue consumer and schedule must have its operation.
/// </summary>
internal static class RouteContract
{
    /// <summary>Every disagreement, one sentence each naming the operation and route; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(
        IEnumerable<TemplateRoute> templateRoutes,
        IEnumerable<AreaEndpoint> endpoints,
        IEnumerable<TemplateBackgroundFunction>? templateBackground = null,
        IEnumerable<AreaBackgroundOperation>? areaBackground = null)
    {
        var problems = new List<string>();

        var byRoute = new Dictionary<string, TemplateRoute>(StringComparer.Ordinal);
        foreach (var route in templateRoutes)
        {
            var key = Key(route.Method, route.Path);
            if (!byRoute.TryAdd(key, route))
            {
                problems.Add($"template.yaml: route {key} is declared by both {byRoute[key].FunctionLogicalId} and {route.FunctionLogicalId}.");
            }
        }

        var mapped = new Dictionary<string, AreaEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var key = Key(endpoint.Method, endpoint.Path);
            if (endpoint.Operation is null)
            {
                problems.Add($"Endpoint {key} has no operation name: give it .WithName(\"<Handler>\") with its template function's Handler.");
            }

            if (!mapped.TryAdd(key, endpoint))
            {
                problems.Add($"Endpoint {key} is mapped twice (operations {mapped[key].Operation ?? "unnamed"} and {endpoint.Operation ?? "unnamed"}).");
                continue;
            }

            if (!byRoute.TryGetValue(key, out var route))
            {
                problems.Add($"Operation {endpoint.Operation ?? "(unnamed)"}: endpoint {key} is not a route in template.yaml (add its function and route to the area's template).");
                continue;
            }

            if (endpoint.Operation is not null && !string.Equals(endpoint.Operation, route.Handler, StringComparison.Ordinal))
            {
                problems.Add($"Operation {endpoint.Operation}: endpoint {key} is named '{endpoint.Operation}' but template.yaml's {route.FunctionLogicalId} owns that route with Handler '{route.Handler}'.");
            }

            if (endpoint.AllowsAnonymous && route.RequiresAuthorization)
            {
                problems.Add($"Operation {route.Handler}: endpoint {key} allows anonymous access but template.yaml's {route.FunctionLogicalId} route requires the JWT authorizer (list it among the area's anonymous routes, or require authorization).");
            }
            else if (!endpoint.AllowsAnonymous && !route.RequiresAuthorization)
            {
                problems.Add($"Operation {route.Handler}: endpoint {key} requires authorization but template.yaml's {route.FunctionLogicalId} route has no authorizer (mark it AllowAnonymous, or list it among the area's signed-in routes).");
            }
        }

        foreach (var (key, route) in byRoute)
        {
            if (!mapped.ContainsKey(key))
            {
                problems.Add($"Operation {route.Handler}: template.yaml route {key} ({route.FunctionLogicalId}) has no endpoint in any area (map it with .WithName(\"{route.Handler}\")).");
            }
        }

        CompareBackground(templateBackground ?? [], areaBackground ?? [], problems);
        return problems;
    }

    /// <summary>Throws <see cref="RouteContractException"/> listing every disagreement.</summary>
    public static void Enforce(
        IEnumerable<TemplateRoute> templateRoutes,
        IEnumerable<AreaEndpoint> endpoints,
        IEnumerable<TemplateBackgroundFunction>? templateBackground = null,
        IEnumerable<AreaBackgroundOperation>? areaBackground = null)
    {
        var problems = Compare(templateRoutes, endpoints, templateBackground, areaBackground);
        if (problems.Count > 0)
        {
            throw new RouteContractException(problems);
        }
    }

    /// <summary>The area endpoints of a running app, leaving out endpoints marked <see cref="LocalOnlyEndpoint"/>.</summary>
    public static IReadOnlyList<AreaEndpoint> EndpointsOf(IEnumerable<EndpointDataSource> sources, bool hasFallbackPolicy)
    {
        var endpoints = new List<AreaEndpoint>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<LocalOnlyEndpoint>() is not null)
            {
                continue;
            }

            var protectedByPolicy = hasFallbackPolicy
                || metadata.GetMetadata<IAuthorizeData>() is not null
                || metadata.GetMetadata<IAuthorizationRequirementData>() is not null
                || metadata.GetMetadata<AuthorizationPolicy>() is not null;
            var allowsAnonymous = metadata.GetMetadata<IAllowAnonymous>() is not null || !protectedByPolicy;

            var name = metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var path = PathOf(endpoint.RoutePattern);
            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ["ANY"])
            {
                endpoints.Add(new AreaEndpoint(name, method, path, allowsAnonymous));
            }
        }

        return endpoints;
    }

    /// <summary>A route pattern written the way template.yaml writes paths: constraints and defaults dropped, catch-alls as <c>{name+}</c>.</summary>
    public static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } parameter => "{" + parameter.Name + "+}",
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static void CompareBackground(
        IEnumerable<TemplateBackgroundFunction> templateBackground,
        IEnumerable<AreaBackgroundOperation> areaBackground,
        List<string> problems)
    {
        var operations = new Dictionary<string, AreaBackgroundOperation>(StringComparer.Ordinal);
        foreach (var operation in areaBackground)
        {
            if (!operations.TryAdd(operation.Name, operation))
            {
                problems.Add($"Operation {operation.Name}: two areas define a background operation with that name.");
            }
        }

        var handlers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in templateBackground)
        {
            handlers.Add(function.Handler);
            if (!operations.TryGetValue(function.Handler, out var operation))
            {
                problems.Add($"Operation {function.Handler}: template.yaml's {function.FunctionLogicalId} ({function.Kind}) has no background operation of that name in any area.");
            }
            else if (!string.Equals(operation.Kind, function.Kind, StringComparison.Ordinal))
            {
                problems.Add($"Operation {function.Handler}: template.yaml's {function.FunctionLogicalId} is a {function.Kind} function but the area's operation is a {operation.Kind} operation.");
            }
        }

        foreach (var name in operations.Keys.Where(name => !handlers.Contains(name)))
        {
            problems.Add($"Operation {name}: an area defines this background operation but no function in template.yaml has Handler '{name}' with a queue or schedule event.");
        }
    }

    private static string Key(string method, string path) =>
        method.ToUpperInvariant() + " " + (path.StartsWith('/') ? path : "/" + path);
}

/// <summary>Marks DevHost's own endpoints (<c>/health</c>, <c>/openapi</c>, <c>/local/…</c>): not part of the route contract.</summary>
internal sealed class LocalOnlyEndpoint
{
    public static readonly LocalOnlyEndpoint Instance = new();
}

/// <summary>The areas and template.yaml disagree; the host does not start.</summary>
public sealed class RouteContractException : Exception
{
    public RouteContractException()
    {
        Problems = [];
    }

    public RouteContractException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public RouteContractException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    internal RouteContractException(IReadOnlyList<string> problems)
        : base(
            "The areas' endpoints do not match template.yaml (the source of truth for routes):"
            + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
