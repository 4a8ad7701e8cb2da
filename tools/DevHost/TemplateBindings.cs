using BitcoinEvents.DevHost.Queues;
using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.DevHost.Streams;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>What template.yaml says the code must serve, in the shapes DevHost checks and runs.</summary>
internal static class TemplateBindings
{
    public static IReadOnlyList<TemplateRoute> Routes(SamTemplate template) =>
        template.Functions
            .SelectMany(f => f.HttpRoutes.Select(r => new TemplateRoute(r.Method, r.Path, f.LogicalId, f.Handler, r.RequiresAuthorization)))
            .ToList();

    public static IReadOnlyList<TemplateBackgroundFunction> BackgroundFunctions(SamTemplate template)
    {
        var functions = new List<TemplateBackgroundFunction>();
        foreach (var function in template.Functions)
        {
            if (function.QueueSubscriptions.Count > 0)
            {
                functions.Add(new(function.LogicalId, function.Handler, nameof(BackgroundOperationKind.Queue)));
            }

            if (function.Schedules.Count > 0)
            {
                functions.Add(new(function.LogicalId, function.Handler, nameof(BackgroundOperationKind.Schedule)));
            }

            if (function.StreamSubscriptions.Count > 0)
            {
                functions.Add(new(function.LogicalId, function.Handler, nameof(BackgroundOperationKind.Stream)));
            }
        }

        return functions;
    }

    public static IReadOnlyList<AreaBackgroundOperation> BackgroundOperations(IEnumerable<AreaDefinition> areas) =>
        areas.SelectMany(a => a.BackgroundOperations).Select(o => new AreaBackgroundOperation(o.Name, o.Kind.ToString())).ToList();

    /// <summary>Every schedule of the template whose operation an area defines.</summary>
    public static IReadOnlyList<ScheduledJob> Schedules(SamTemplate template, IEnumerable<AreaDefinition> areas)
    {
        var operations = Operations(areas, BackgroundOperationKind.Schedule);
        return template.Functions
            .Where(f => operations.ContainsKey(f.Handler))
            .SelectMany(f => f.Schedules.Select(s => new ScheduledJob(
                f.LogicalId,
                operations[f.Handler],
                ScheduleExpression.Parse(s.Expression),
                s.Enabled,
                TimeSpan.FromSeconds(f.TimeoutSeconds))
            {
                EventName = s.EventName,
                Input = s.Input,
            }))
            .ToList();
    }

    /// <summary>Every enabled SQS event source mapping whose operation an area defines, on its provisioned queue.</summary>
    public static IReadOnlyList<QueueSubscription> Queues(SamTemplate template, IEnumerable<AreaDefinition> areas, LocalResources resources)
    {
        var operations = Operations(areas, BackgroundOperationKind.Queue);
        return template.Functions
            .Where(f => operations.ContainsKey(f.Handler))
            .SelectMany(f => f.QueueSubscriptions.Where(q => q.Enabled).Select(q => new QueueSubscription(
                f.LogicalId,
                operations[f.Handler],
                resources.QueueUrl(q.QueueLogicalId),
                resources.QueueArn(q.QueueLogicalId),
                q.BatchSize,
                q.ReportBatchItemFailures,
                TimeSpan.FromSeconds(f.TimeoutSeconds))))
            .ToList();
    }

    /// <summary>Every enabled DynamoDB event source mapping whose operation an area defines, on its provisioned table's stream.</summary>
    public static IReadOnlyList<StreamSubscription> Streams(SamTemplate template, IEnumerable<AreaDefinition> areas, LocalResources resources)
    {
        var operations = Operations(areas, BackgroundOperationKind.Stream);
        return template.Functions
            .Where(f => operations.ContainsKey(f.Handler))
            .SelectMany(f => f.StreamSubscriptions.Where(s => s.Enabled).Select(s => new StreamSubscription(
                f.LogicalId,
                operations[f.Handler],
                s.TableLogicalId,
                resources.TableStreamArn(s.TableLogicalId),
                s.StartingPosition,
                s.BatchSize,
                s.ReportBatchItemFailures,
                s.MaximumRetryAttempts,
                TimeSpan.FromSeconds(f.TimeoutSeconds))))
            .ToList();
    }

    private static Dictionary<string, BackgroundOperation> Operations(IEnumerable<AreaDefinition> areas, BackgroundOperationKind kind) =>
        areas.SelectMany(a => a.BackgroundOperations)
            .Where(o => o.Kind == kind)
            .GroupBy(o => o.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
