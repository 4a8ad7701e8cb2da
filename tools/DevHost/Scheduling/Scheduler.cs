using System.Text;
using System.Text.Json;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Scheduling;

/// <summary>One schedule of template.yaml, resolved to an area's operation.</summary>
internal sealed record ScheduledJob(
    string FunctionLogicalId,
    BackgroundOperation Operation,
    ScheduleExpression Expression,
    bool Enabled,
    TimeSpan Timeout)
{
    /// <summary>The event's name under the function's <c>Events</c>.</summary>
    public string EventName { get; init; } = "Schedule";

    /// <summary>The template's <c>Input</c>: sent instead of the scheduled-event envelope when set.</summary>
    public string? Input { get; init; }

    /// <summary>The rule's name locally (SAM derives it from the function and event names).</summary>
    public string RuleName => FunctionLogicalId + EventName;
}

/// <summary>
/// Imitates EventBridge schedule rules: runs each enabled job at the times its rate or cron
/// expression names (UTC), with the documented "Scheduled Event" envelope, and runs any job on
/// demand (<c>POST /local/schedules/{operation}/run</c>).
/// </summary>
internal sealed partial class Scheduler(
    IReadOnlyList<ScheduledJob> jobs,
    IServiceProvider services,
    string region,
    TimeProvider timeProvider,
    ILogger<Scheduler> logger) : BackgroundService
{
    private DateTimeOffset _startedAt;

    public IReadOnlyList<ScheduledJob> Jobs => jobs;

    public ScheduledJob? Find(string operation) =>
        jobs.FirstOrDefault(j => string.Equals(j.Operation.Name, operation, StringComparison.Ordinal));

    /// <summary>Runs a job once, now, and returns the operation's response; its exception propagates.</summary>
    public Task<string> RunNowAsync(ScheduledJob job) => InvokeAsync(job, timeProvider.GetUtcNow());

    /// <summary>The EventBridge "Scheduled Event" a rule sends for the tick at <paramref name="time"/>.</summary>
    public static string ScheduledEventJson(string ruleName, DateTimeOffset time, string region)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("detail-type", "Scheduled Event");
            json.WriteString("source", "aws.events");
            json.WriteString("account", LocalAwsServers.AccountId);
            json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("region", region);
            json.WriteStartArray("resources");
            json.WriteStringValue($"arn:aws:events:{region}:{LocalAwsServers.AccountId}:rule/{ruleName}");
            json.WriteEndArray();
            json.WriteStartObject("detail");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Schedules count from the host's start, however late ExecuteAsync gets to run.
        _startedAt = timeProvider.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Where(j => j.Enabled).Select(j => RunOnScheduleAsync(j, stoppingToken)));

    private async Task RunOnScheduleAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        var previous = _startedAt;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = job.Expression.NextAfter(previous);
            if (next is null)
            {
                return;
            }

            LogNextRun(logger, job.Operation.Name, job.Expression.Text, next.Value);
            try
            {
                var wait = next.Value - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }

                next = LatestDue(job.Expression, next.Value, timeProvider.GetUtcNow());
                await InvokeAsync(job, next.Value);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed run does not stop the schedule, as in EventBridge.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRunFailed(logger, exception, job.Operation.Name, next.Value);
            }

            previous = next.Value;
        }
    }

    /// <summary>
    /// The latest tick due by <paramref name="now"/>, from <paramref name="due"/> on. A rule does
    /// not catch up: when the clock got past several ticks at once (DevHost's clock was moved
    /// forward, the machine slept), only the latest of them runs, as the one run EventBridge would
    /// have made last.
    /// </summary>
    internal static DateTimeOffset LatestDue(ScheduleExpression expression, DateTimeOffset due, DateTimeOffset now)
    {
        if (expression is RateExpression rate)
        {
            return now <= due ? due : due + TimeSpan.FromTicks(rate.Interval.Ticks * ((now - due).Ticks / rate.Interval.Ticks));
        }

        while (expression.NextAfter(due) is { } later && later <= now)
        {
            due = later;
        }

        return due;
    }

    private async Task<string> InvokeAsync(ScheduledJob job, DateTimeOffset tick)
    {
        var eventJson = job.Input ?? ScheduledEventJson(job.RuleName, tick, region);
        using var invocation = new LambdaInvocation(
            Guid.NewGuid().ToString(),
            timeProvider.GetUtcNow() + job.Timeout,
            $"arn:aws:lambda:{region}:{LocalAwsServers.AccountId}:function:{job.FunctionLogicalId}",
            timeProvider: timeProvider);
        var response = await job.Operation.InvokeAsync(services, eventJson, invocation);
        LogRan(logger, job.Operation.Name, tick);
        return response;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "{Operation} ({Expression}) next runs at {Next:O}")]
    private static partial void LogNextRun(ILogger logger, string operation, string expression, DateTimeOffset next);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Operation} ran for the tick at {Tick:O}")]
    private static partial void LogRan(ILogger logger, string operation, DateTimeOffset tick);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "{Operation} failed for the tick at {Tick:O}")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string operation, DateTimeOffset tick);
}
