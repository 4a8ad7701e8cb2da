using System.Globalization;
using BitcoinEvents.LocalAws;

namespace LambdaColdStart;

/// <summary>
/// DynamoDB Local on 127.0.0.1 (started by tools/LocalAws), its tables provisioned from
/// template.yaml, and the environment each function of the template would get in Lambda:
/// what Lambda itself sets, the function's resolved variables and the local endpoints.
/// </summary>
internal sealed class LocalEnvironment : IAsyncDisposable
{
    private readonly LocalAwsEnvironment _local;

    private LocalEnvironment(LocalAwsEnvironment local) => _local = local;

    public SamTemplate Template => _local.Template;

    public TimeSpan StartTime => _local.Servers.StartTimes.TryGetValue("total", out var total) ? total : TimeSpan.Zero;

    public static async Task<LocalEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var local = await LocalAwsEnvironment.StartAsync(
            LocalAwsOptions.ForTests(LocalServer.DynamoDb),
            ProvisionOptions.ForTestRun() with { Queues = false, Buckets = false, UserPool = false },
            cancellationToken: cancellationToken);
        return new LocalEnvironment(local);
    }

    /// <summary>The function of the template whose Handler is <paramref name="operation"/>.</summary>
    public TemplateFunction FunctionFor(string operation) =>
        Template.Functions.SingleOrDefault(f => f.Handler == operation)
        ?? throw new InvalidOperationException($"template.yaml has no function with Handler {operation}.");

    public string FunctionArn(TemplateFunction function) =>
        $"arn:aws:lambda:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:function:{_local.Resources.PhysicalName(function.LogicalId)}";

    /// <summary>
    /// The process environment of a function: the variables Lambda sets for a custom runtime
    /// (the Runtime API, _HANDLER, name, memory, log settings, region, credentials, task root),
    /// the function's own variables resolved against the local resources, and the local endpoints.
    /// </summary>
    public Dictionary<string, string> EnvironmentFor(TemplateFunction function, string runtimeApi, string taskRoot, int memoryMegabytes)
    {
        var name = _local.Resources.PhysicalName(function.LogicalId);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["_HANDLER"] = function.Handler,
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memoryMegabytes.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + name,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = DateTime.UtcNow.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/[$LATEST]" + Guid.NewGuid().ToString("N"),
            // LoggingConfig LogFormat JSON / ApplicationLogLevel INFO in the template's Globals.
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["LAMBDA_RUNTIME_DIR"] = taskRoot,
            ["TZ"] = ":UTC",
            // A Lambda environment's cgroup limits memory to MemorySize; .NET's GC would derive a
            // heap hard limit of 75 % of it. No cgroup here, so set that limit directly (hex bytes).
            ["DOTNET_GCHeapHardLimit"] = ((long)memoryMegabytes * 1024 * 1024 * 3 / 4).ToString("X", CultureInfo.InvariantCulture),
        };

        foreach (var (key, value) in _local.Resources.ConfigurationFor(function))
        {
            environment[key] = value;
        }

        // ConfigurationFor names the function by its local physical name too; the Runtime API wins.
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        environment["_HANDLER"] = function.Handler;
        return environment;
    }

    public ValueTask DisposeAsync() => _local.DisposeAsync();
}
