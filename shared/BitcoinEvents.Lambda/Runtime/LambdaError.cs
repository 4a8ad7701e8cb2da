namespace BitcoinEvents.Lambda;

/// <summary>The error document posted to the Runtime API's invocation and init error paths.</summary>
public sealed class LambdaError
{
    public required string ErrorMessage { get; init; }

    public required string ErrorType { get; init; }

    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>The error for an exception: its type name, message and stack (inner exceptions included).</summary>
    public static LambdaError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new LambdaError
        {
            ErrorMessage = exception.Message,
            ErrorType = exception.GetType().Name,
            StackTrace = exception.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
    }
}
