namespace BitcoinEvents.Lambda;

/// <summary>The Lambda execution environment as seen through its environment variables.</summary>
public static class LambdaEnvironment
{
    /// <summary>Host and port of the Lambda Runtime API; set only inside Lambda.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's <c>Handler</c> setting: the operation this process serves.</summary>
    public const string HandlerVariable = "_HANDLER";

    /// <summary>The X-Ray trace header of the current invocation, set by the runtime loop.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>True when the process runs inside Lambda (AWS_LAMBDA_RUNTIME_API is set).</summary>
    public static bool IsLambda => !string.IsNullOrEmpty(RuntimeApi);

    /// <summary>The Runtime API address (<c>host:port</c>), or null outside Lambda.</summary>
    public static string? RuntimeApi => Environment.GetEnvironmentVariable(RuntimeApiVariable);

    /// <summary>The operation named by the function's <c>Handler</c>, or null.</summary>
    public static string? Handler => Environment.GetEnvironmentVariable(HandlerVariable);
}
