namespace Template.Tests.Support;

/// <summary>Everything one area's binary can serve: its HTTP operations (endpoint names) and its queue consumers and schedules.</summary>
internal sealed record AreaOperations(string Area, IReadOnlyList<string> HttpOperations, IReadOnlyList<string> BackgroundOperations)
{
    public IReadOnlySet<string> Names => HttpOperations.Concat(BackgroundOperations).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// template.yaml against the build (ARCHITECTURE decision 11): every function's Handler is an
/// operation of the area whose folder holds its template (and so its bootstrap), and every operation is some function's
/// Handler. Routes against endpoints (method, path, name, auth) is tools/DevHost's
/// <c>RouteContract</c>, enforced at every local start and tested in DevHost.Tests.
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
                problems.Add($"{function.LogicalId}: is declared outside an area's template (functions/<Area>/template.yaml), so no bootstrap serves it.");
                continue;
            }

            if (!areas.TryGetValue(area, out var operations))
            {
                problems.Add($"{function.LogicalId}: area {area} has no AreaDefinition (functions/{area}/ must expose one).");
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
}
