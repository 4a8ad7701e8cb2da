namespace Template.Tests.Support;

/// <summary>One endpoint an area maps: its operation name (<c>.WithName</c>), method, path and whether anonymous callers may use it.</summary>
internal sealed record AreaEndpoint(string? Operation, string Method, string Path, bool AllowsAnonymous);

/// <summary>Everything one area's binary can serve: its endpoints and its queue consumers and schedules.</summary>
internal sealed record AreaOperations(string Area, IReadOnlyList<AreaEndpoint> Endpoints, IReadOnlyList<string> BackgroundOperations)
{
    public IReadOnlySet<string> Names =>
        Endpoints.Select(e => e.Operation).OfType<string>().Concat(BackgroundOperations).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// template.yaml against the code (ARCHITECTURE decision 11): every function's Handler is an
/// operation of the area its Makefile target builds; every HttpApi route is an endpoint with the
/// same method and path named by the route's Handler, and the reverse; anonymous endpoints are
/// exactly the routes with <c>Authorizer: NONE</c>.
/// </summary>
internal static class OperationContract
{
    /// <summary>Each function's Handler names an operation of its area, and each operation is some function's Handler.</summary>
    public static IReadOnlyList<string> HandlerProblems(
        TemplateDocument template,
        Func<string, string?> areaOfFunction,
        IReadOnlyDictionary<string, AreaOperations> areas)
    {
        var problems = new List<string>();
        var handlersByArea = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var function in template.Functions)
        {
            var area = areaOfFunction(function.LogicalId);
            if (area is null)
            {
                problems.Add($"{function.LogicalId}: its Makefile target builds no artifacts/<Area>/bootstrap, so its area is unknown.");
                continue;
            }

            if (!areas.TryGetValue(area, out var operations))
            {
                problems.Add($"{function.LogicalId}: area {area} is not known to Template.Tests (add it to AreaCatalog).");
                continue;
            }

            var handler = function.Handler;
            if (string.IsNullOrEmpty(handler))
            {
                problems.Add($"{function.LogicalId}: has no Handler.");
                continue;
            }

            if (!handlersByArea.TryGetValue(area, out var handlers))
            {
                handlersByArea[area] = handlers = new HashSet<string>(StringComparer.Ordinal);
            }

            if (!handlers.Add(handler))
            {
                problems.Add($"{function.LogicalId}: Handler {handler} is served by another function of area {area} too.");
            }

            if (!operations.Names.Contains(handler))
            {
                problems.Add($"{function.LogicalId}: Handler {handler} is not an operation of area {area} (known: {string.Join(", ", operations.Names.Order(StringComparer.Ordinal))}).");
            }
        }

        foreach (var (area, operations) in areas)
        {
            var served = handlersByArea.GetValueOrDefault(area) ?? [];
            foreach (var operation in operations.Names.Where(n => !served.Contains(n)).Order(StringComparer.Ordinal))
            {
                problems.Add($"Operation {operation} of area {area} is the Handler of no function in template.yaml.");
            }
        }

        return problems;
    }

    /// <summary>Routes and endpoints agree one to one: method, path, name = Handler, anonymous ⇔ Authorizer: NONE.</summary>
    public static IReadOnlyList<string> RouteProblems(IReadOnlyList<TemplateHttpRoute> routes, IEnumerable<AreaEndpoint> endpoints)
    {
        var problems = new List<string>();
        var byRoute = new Dictionary<string, TemplateHttpRoute>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (!byRoute.TryAdd(Key(route.Method, route.Path), route))
            {
                problems.Add($"Route {Key(route.Method, route.Path)} is declared by {byRoute[Key(route.Method, route.Path)].FunctionLogicalId} and {route.FunctionLogicalId}.");
            }
        }

        var mapped = new Dictionary<string, AreaEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var key = Key(endpoint.Method, endpoint.Path);
            if (!mapped.TryAdd(key, endpoint))
            {
                problems.Add($"Endpoint {key} is mapped twice.");
                continue;
            }

            if (!byRoute.TryGetValue(key, out var route))
            {
                problems.Add($"Endpoint {key} ({endpoint.Operation ?? "unnamed"}) is not an HttpApi route of template.yaml.");
                continue;
            }

            if (!string.Equals(endpoint.Operation, route.Handler, StringComparison.Ordinal))
            {
                problems.Add($"Endpoint {key} is named '{endpoint.Operation ?? "(no name)"}' but {route.FunctionLogicalId} serves that route with Handler '{route.Handler}'.");
            }

            if (endpoint.AllowsAnonymous && route.RequiresAuthorization)
            {
                problems.Add($"Endpoint {key} allows anonymous callers but {route.FunctionLogicalId}'s route goes through the JWT authorizer.");
            }
            else if (!endpoint.AllowsAnonymous && !route.RequiresAuthorization)
            {
                problems.Add($"Endpoint {key} requires authorization but {route.FunctionLogicalId}'s route has Authorizer: NONE.");
            }
        }

        foreach (var (key, route) in byRoute.Where(r => !mapped.ContainsKey(r.Key)))
        {
            problems.Add($"Route {key} of {route.FunctionLogicalId} has no endpoint in its area.");
        }

        return problems;
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + path;
}
