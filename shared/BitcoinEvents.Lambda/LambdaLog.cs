using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>The hosting layer's log messages. None of them carries a request or message body.</summary>
internal static partial class LambdaLog
{
    private static readonly Func<ILogger, string, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string>("AwsRequestId:{AwsRequestId}");

    /// <summary>A scope that stamps every log line of an invocation with its AWS request id.</summary>
    public static IDisposable? InvocationScope(ILogger logger, string requestId) => RequestScope(logger, requestId);

    [LoggerMessage(1, LogLevel.Information, "Serving operation {Operation} of area {Area} ({Kind})")]
    public static partial void Serving(ILogger logger, string operation, string area, string kind);

    [LoggerMessage(2, LogLevel.Critical, "Handler '{Handler}' names no operation of area {Area}; known operations: {KnownOperations}")]
    public static partial void UnknownHandler(ILogger logger, string handler, string area, string knownOperations);

    [LoggerMessage(4, LogLevel.Critical, "Starting area {Area} failed")]
    public static partial void StartFailed(ILogger logger, Exception exception, string area);

    [LoggerMessage(3, LogLevel.Critical, "The Lambda runtime loop stopped: the Runtime API failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Invocation {RequestId} failed; reporting it to the Runtime API")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(11, LogLevel.Error, "Posting the result of invocation {RequestId} to the Runtime API failed")]
    public static partial void PostFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(20, LogLevel.Error, "The application failed on {RouteKey}; answering 500")]
    public static partial void HttpApplicationFailed(ILogger logger, Exception exception, string routeKey);

    [LoggerMessage(21, LogLevel.Error, "An OnCompleted callback failed")]
    public static partial void OnCompletedFailed(ILogger logger, Exception exception);

    [LoggerMessage(22, LogLevel.Warning, "A request for endpoint '{Endpoint}' reached the function serving '{Handler}'; answering 404")]
    public static partial void ForeignRoute(ILogger logger, string endpoint, string handler);

    [LoggerMessage(30, LogLevel.Warning, "SQS message {MessageId} failed (receive count {ReceiveCount}); reporting it as a batch item failure")]
    public static partial void SqsMessageFailed(ILogger logger, Exception exception, string messageId, int receiveCount);

    [LoggerMessage(31, LogLevel.Warning, "SQS message {MessageId} not handled after an earlier failure or the deadline; reporting it as a batch item failure")]
    public static partial void SqsMessageSkipped(ILogger logger, string messageId);

    [LoggerMessage(40, LogLevel.Warning, "Stream record {SequenceNumber} ({EventName}) failed; it and every later record of the batch are reported as batch item failures")]
    public static partial void StreamRecordFailed(ILogger logger, Exception exception, string sequenceNumber, string eventName);

    [LoggerMessage(41, LogLevel.Warning, "Stream record {SequenceNumber} not handled after an earlier failure or the deadline; reporting it as a batch item failure")]
    public static partial void StreamRecordSkipped(ILogger logger, string sequenceNumber);
}
