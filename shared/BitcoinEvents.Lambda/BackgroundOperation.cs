using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace BitcoinEvents.Lambda;

/// <summary>
/// A queue consumer, a stream consumer or a scheduled job: an operation that runs one raw Lambda event.
/// </summary>
/// <remarks>
/// Handler and job types need no DI registration. Every SQS or stream record and every scheduled run gets
/// a new DI scope; the handler is resolved from that scope if it is registered (with whatever
/// lifetime <see cref="AreaDefinition.AddServices"/> chose), otherwise it is constructed with
/// <c>ActivatorUtilities</c>, its constructor dependencies coming from the same scope.
/// </remarks>
public abstract class BackgroundOperation
{
    protected BackgroundOperation(string name, BackgroundOperationKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
    }

    /// <summary>The operation's name, e.g. "CompleteEndedEvents": the function's Handler.</summary>
    public string Name { get; }

    /// <summary>Whether a queue, a stream or a schedule triggers the operation.</summary>
    public BackgroundOperationKind Kind { get; }

    /// <summary>
    /// Runs one Lambda event (the raw JSON of an SQS, DynamoDB stream or scheduled event) exactly as
    /// Lambda would and returns the JSON response body to post: for queues and streams the
    /// batchItemFailures document. An exception means the invocation failed (Lambda's retry policy applies).
    /// </summary>
    public abstract Task<string> InvokeAsync(IServiceProvider services, string eventJson, LambdaInvocation invocation);

    /// <summary>
    /// A consumer of an SQS queue whose message bodies are JSON <typeparamref name="TMessage"/>.
    /// <paramref name="messageType"/> is asked for on the first message (pass
    /// <c>() => MyJsonContext.Default.MyMessage</c>), so listing the operation costs nothing at start.
    /// </summary>
    public static BackgroundOperation Queue<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler,
        TMessage>(string name, Func<JsonTypeInfo<TMessage>> messageType)
        where THandler : class, ISqsMessageHandler<TMessage>
        => new QueueOperation<THandler, TMessage>(name, messageType);

    /// <summary>
    /// A consumer of a DynamoDB stream: each record of the documented stream event, in order, one
    /// at a time; the first failure stops the batch and reports it and every later record by
    /// sequence number (<c>FunctionResponseTypes: [ReportBatchItemFailures]</c>).
    /// </summary>
    public static BackgroundOperation Stream<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(string name)
        where THandler : class, IDynamoDbStreamRecordHandler
        => new StreamOperation<THandler>(name);

    /// <summary>A job run by an EventBridge schedule.</summary>
    public static BackgroundOperation Schedule<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TJob>(string name)
        where TJob : class, IScheduledJob
        => new ScheduleOperation<TJob>(name);

    public override string ToString() => $"{Kind} {Name}";
}
