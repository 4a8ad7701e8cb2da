using System.Diagnostics;
using System.Text.Json;

namespace LambdaColdStart;

/// <summary>What one cold start measured.</summary>
internal sealed record ColdStartSample(
    double InitMilliseconds,
    double FirstResponseMilliseconds,
    double CpuMilliseconds,
    double InitCpuMilliseconds,
    long MinorFaults,
    IReadOnlyList<double> WarmMilliseconds,
    double PeakRssMegabytes);

/// <summary>The result of one behaviour check, printed with the report.</summary>
internal sealed record CheckResult(string Variant, string Name, bool Passed, string Detail);

/// <summary>Builds one invocation's event for an operation (fresh request id and time each call).</summary>
internal delegate string EventFactory();

/// <summary>
/// Starts a function process against the stand-in Runtime API, measures its cold start, serves
/// it N warm invocations, reads its peak RSS and stops it.
/// </summary>
internal sealed class ColdStartRunner(RuntimeApiStandIn runtimeApi, BenchOptions options)
{
    /// <summary>One cold start: exec, first response, N warm invocations, VmHWM, kill.</summary>
    public async Task<ColdStartSample> RunAsync(
        Launch launch,
        IReadOnlyDictionary<string, string> environment,
        string functionArn,
        EventFactory nextEvent,
        Func<FunctionProcess, RuntimeApiStandIn.Session, Task>? afterMeasuring,
        CancellationToken cancellationToken)
    {
        var session = runtimeApi.OpenSession(functionArn, options.InvocationTimeout);
        using var process = FunctionProcess.Start(launch, environment);
        session.CpuProbe = process.CpuMilliseconds;
        try
        {
            // The first event is queued as the process starts: Lambda's cold invoke.
            var (first, _) = await session.InvokeAsync(nextEvent(), cancellationToken, options.ColdStartTimeout);

            var cpu = process.CpuMilliseconds() ?? double.NaN;
            var faults = process.MinorFaults() ?? -1;
            EnsureOk(first, launch, process);
            var init = Milliseconds(session.FirstPollAt - process.StartedAt);
            var firstResponse = Milliseconds(first.ReceivedAt - process.StartedAt);

            var warm = new List<double>(options.Invocations);
            for (var i = 0; i < options.Invocations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (outcome, queuedAt) = await session.InvokeAsync(nextEvent(), cancellationToken);
                EnsureOk(outcome, launch, process);
                warm.Add(Milliseconds(outcome.ReceivedAt - queuedAt));
            }

            var rss = process.PeakRssKilobytes() ?? throw new InvalidOperationException($"{launch.Variant}: no /proc status for pid {process.Id}.");
            if (afterMeasuring is not null)
            {
                await afterMeasuring(process, session);
            }

            return new ColdStartSample(init, firstResponse, cpu, session.InitCpuMilliseconds, faults, warm, rss / 1024.0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{launch.Variant} failed: {e.Message}{Environment.NewLine}Last output:{Environment.NewLine}{process.Tail()}", e);
        }
        finally
        {
            session.Close();
            await process.StopAsync();
        }
    }

    /// <summary>
    /// Starts the process with a _HANDLER no operation has and expects a runtime/init/error post
    /// with errorMessage and errorType, as Lambda's Runtime API documents.
    /// </summary>
    public async Task<CheckResult> CheckUnknownHandlerAsync(Launch launch, IReadOnlyDictionary<string, string> environment, string functionArn, CancellationToken cancellationToken)
    {
        var session = runtimeApi.OpenSession(functionArn, options.InvocationTimeout);
        var env = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["_HANDLER"] = "NoSuchOperation" };
        using var process = FunctionProcess.Start(launch, env);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ColdStartTimeout);
            var finished = await Task.WhenAny(session.InitErrors.Task, Task.Delay(Timeout.Infinite, timeout.Token));
            if (finished != session.InitErrors.Task)
            {
                return new CheckResult(launch.Variant, "unknown _HANDLER → POST runtime/init/error", false, "no init error within the timeout");
            }

            var error = await session.InitErrors.Task;
            var (ok, detail) = DescribeError(error.Body, error.ErrorTypeHeader);
            return new CheckResult(launch.Variant, "unknown _HANDLER → POST runtime/init/error", ok, detail);
        }
        finally
        {
            session.Close();
            await process.StopAsync();
        }
    }

    /// <summary>
    /// A malformed event (the invocation payload is <c>not json</c>) must come back on
    /// runtime/invocation/{id}/error with errorMessage and errorType, and the same process must then
    /// answer a good event.
    /// </summary>
    public static async Task<IReadOnlyList<CheckResult>> CheckMalformedEventAsync(
        string variant, FunctionProcess process, RuntimeApiStandIn.Session session, EventFactory goodEvent, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var (bad, _) = await session.InvokeAsync("not json", cancellationToken);
        if (bad.Kind == OutcomeKind.Error)
        {
            var (ok, detail) = DescribeError(bad.Body, bad.ErrorTypeHeader);
            results.Add(new CheckResult(variant, "malformed event → POST invocation/{id}/error", ok, detail));
        }
        else
        {
            results.Add(new CheckResult(variant, "malformed event → POST invocation/{id}/error", false, "got a response instead: " + Truncate(bad.Body)));
        }

        var (next, _) = await session.InvokeAsync(goodEvent(), cancellationToken);
        var status = StatusCode(next);
        results.Add(new CheckResult(variant, "keeps serving after the error", next.Kind == OutcomeKind.Response && status == 200 && !process.HasExited,
            next.Kind == OutcomeKind.Response ? $"next invocation answered statusCode {status}" : "next invocation failed: " + Truncate(next.Body)));
        return results;
    }

    /// <summary>The answers are real reads: GetEvent returns a seeded event, ListEvents lists seeded events only (the Ticketing reads: their items are of seeded events).</summary>
    public static async Task<CheckResult> CheckContentAsync(
        string variant, string operation, RuntimeApiStandIn.Session session, EventFactory events, IReadOnlyCollection<string> seeded, CancellationToken cancellationToken)
    {
        var name = $"{operation} answers with the seeded data";
        var (outcome, _) = await session.InvokeAsync(events(), cancellationToken);
        if (outcome.Kind != OutcomeKind.Response || StatusCode(outcome) != 200)
        {
            return new CheckResult(variant, name, false, Truncate(outcome.Body));
        }

        using var response = JsonDocument.Parse(outcome.Body);
        var bodyText = response.RootElement.GetProperty("body").GetString() ?? "";
        if (response.RootElement.TryGetProperty("isBase64Encoded", out var encoded) && encoded.ValueKind == JsonValueKind.True)
        {
            bodyText = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(bodyText));
        }

        // An event names itself by "id"; another area's resource of an event (ticket type, settings) by "eventId".
        static string EventId(JsonElement e) => (e.TryGetProperty("eventId", out var eventId) ? eventId : e.GetProperty("id")).GetString()!;
        using var body = JsonDocument.Parse(bodyText);
        var ids = body.RootElement.TryGetProperty("items", out var items)
            ? items.EnumerateArray().Select(EventId).ToList()
            : [EventId(body.RootElement)];
        var ok = ids.Count > 0 && ids.All(seeded.Contains);
        return new CheckResult(variant, name, ok, $"{ids.Count} item(s) of events in the body, {ids.Count(seeded.Contains)} of them of seeded events");
    }

    public static double Milliseconds(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;

    private static void EnsureOk(InvocationOutcome outcome, Launch launch, FunctionProcess process)
    {
        if (outcome.Kind != OutcomeKind.Response)
        {
            throw new InvalidOperationException($"{launch.Variant}: invocation error {outcome.ErrorTypeHeader}: {Truncate(outcome.Body)}");
        }

        var status = StatusCode(outcome);
        if (status != 200)
        {
            throw new InvalidOperationException($"{launch.Variant} (pid {process.Id}): statusCode {status}: {Truncate(outcome.Body)}");
        }
    }

    /// <summary>The statusCode of an HTTP API (payload 2.0) response, 0 when there is none.</summary>
    public static int StatusCode(InvocationOutcome outcome)
    {
        try
        {
            using var doc = JsonDocument.Parse(outcome.Body);
            return doc.RootElement.TryGetProperty("statusCode", out var code) && code.TryGetInt32(out var value) ? value : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static (bool Ok, string Detail) DescribeError(string body, string? errorTypeHeader)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var message = root.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var ok = !string.IsNullOrEmpty(message) && !string.IsNullOrEmpty(type);
            return (ok, $"errorType={type ?? "(missing)"}, header={errorTypeHeader ?? "(none)"}, errorMessage=\"{Truncate(message ?? "(missing)", 120)}\"");
        }
        catch (JsonException)
        {
            return (false, "error body is not JSON: " + Truncate(body));
        }
    }

    private static string Truncate(string text, int length = 300) =>
        text.Length <= length ? text : text[..length] + "…";
}
