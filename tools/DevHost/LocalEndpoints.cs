using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Notifications.Templates;

namespace BitcoinEvents.DevHost;

/// <summary>
/// DevHost's own endpoints, outside the route contract and the OpenAPI document:
/// <c>GET /health</c>, <c>GET /openapi/v1.json</c>, <c>GET /local/cognito</c> (where to sign in),
/// <c>GET /local/servers</c> (where the mailbox, the fake payment providers and the other local servers are),
/// <c>POST /local/schedules/{operation}/run</c>, and <c>GET</c>/<c>POST /local/clock</c> (the
/// <see cref="LocalClock"/>: read it, move it forward), and <c>GET /local/notifications/preview/{kind}</c>
/// (a notification template rendered with demo data).
/// </summary>
internal static partial class LocalEndpoints
{
    public static void Map(WebApplication app, LocalCognitoSettings? cognito, LocalServerUrls servers)
    {
        app.MapGet(ServersPath, () => Results.Text(servers.ToJson().ToJsonString(), "application/json"))
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapGet("/local/cognito", () => cognito is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No local Cognito", detail: "This host runs without cognito-local.")
                : Results.Text(
                    new JsonObject
                    {
                        ["endpoint"] = cognito.Endpoint,
                        ["userPoolId"] = cognito.UserPoolId,
                        ["clientId"] = cognito.ClientId,
                        ["issuer"] = cognito.Issuer,
                    }.ToJsonString(),
                    "application/json"))
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapGet("/health", HealthAsync)
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapOpenApi()
            .WithMetadata(LocalOnlyEndpoint.Instance);

        app.MapPost("/local/schedules/{operation}/run", RunScheduleAsync)
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapGet(ClockPath, (TimeProvider clock) => clock is LocalClock local ? ClockState(local) : NoLocalClock())
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapPost(ClockPath, AdvanceClockAsync)
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        // Every notification template rendered with demo data (functions/Notifications/Templates).
        app.MapGet("/local/notifications/preview", () => Results.Text(
                new JsonObject
                {
                    ["kinds"] = new JsonArray([.. NotificationPreview.Kinds.Select(k => (JsonNode)JsonValue.Create(k)!)]),
                    ["parts"] = new JsonArray([.. NotificationPreview.PartNames.Select(p => (JsonNode)JsonValue.Create(p)!)]),
                    ["example"] = "/local/notifications/preview/orderConfirmation?part=html&currency=BTC",
                }.ToJsonString(),
                "application/json"))
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();

        app.MapGet("/local/notifications/preview/{kind}", (string kind, string? part, string? currency) =>
                NotificationPreview.Render(kind, part ?? "html", currency ?? "EUR") is { } rendered
                    ? Results.Text(rendered.Body, rendered.ContentType)
                    : Results.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "No such template",
                        detail: $"Kinds: {string.Join(", ", NotificationPreview.Kinds)}; part: {string.Join(", ", NotificationPreview.PartNames)}; currency: an ISO 4217 code or BTC."))
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();
    }

    public const string ClockPath = "/local/clock";

    /// <summary>Where the local servers listen (<see cref="LocalServerUrls"/>).</summary>
    public const string ServersPath = "/local/servers";

    /// <summary>The member of <c>POST /local/clock</c>'s body: how far to move the clock, as an ISO 8601 duration.</summary>
    public const string AdvanceField = "advance";

    /// <summary><c>POST /local/clock</c> with <c>{"advance": "PT6M"}</c>: the clock moves forward; the answer is its state.</summary>
    private static async Task<IResult> AdvanceClockAsync(HttpRequest request, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (clock is not LocalClock local)
        {
            return NoLocalClock();
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.For(new ValidationFailed("body", $"must be JSON such as {{\"{AdvanceField}\": \"PT6M\"}}."));
        }

        var member = (body as JsonObject)?[AdvanceField];
        if (member is not null && !(member is JsonValue value && value.TryGetValue<string>(out _)))
        {
            return Problems.For(new ValidationFailed(AdvanceField, "must be a string: an ISO 8601 duration such as \"PT6M\"."));
        }

        if (!LocalClock.TryParseStep(member?.GetValue<string>(), out var by, out var reason))
        {
            return Problems.For(new ValidationFailed(AdvanceField, reason));
        }

        local.Advance(by);
        return ClockState(local);
    }

    private static IResult ClockState(LocalClock clock)
    {
        var (real, offset) = (clock.RealNow, clock.Offset);
        return Results.Text(
            new JsonObject
            {
                ["now"] = real + offset,
                ["realNow"] = real,
                ["offset"] = LocalClock.Iso(offset),
            }.ToJsonString(),
            "application/json");
    }

    private static IResult NoLocalClock() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No local clock",
        detail: "This host runs on a clock it cannot move (a test's fake clock).");

    private static async Task<IResult> HealthAsync(LocalServerHealth health, CancellationToken cancellationToken)
    {
        var statuses = await health.CheckAsync(cancellationToken);
        var up = statuses.All(s => s.Up);
        var servers = new JsonObject();
        foreach (var status in statuses)
        {
            servers[status.Name] = new JsonObject { ["status"] = status.Up ? "up" : "down", ["url"] = status.Url };
        }

        var body = new JsonObject { ["status"] = up ? "up" : "down", ["servers"] = servers };
        return Results.Text(body.ToJsonString(), "application/json", statusCode: up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> RunScheduleAsync(string operation, Scheduler scheduler, ILoggerFactory loggers)
    {
        var job = scheduler.Find(operation);
        if (job is null)
        {
            var known = string.Join(", ", scheduler.Jobs.Select(j => j.Operation.Name));
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such scheduled operation",
                detail: $"template.yaml has no scheduled function with Handler '{operation}'. Scheduled operations: {(known.Length > 0 ? known : "none")}.");
        }

        try
        {
            var response = await scheduler.RunNowAsync(job);
            return Results.Text(string.IsNullOrWhiteSpace(response) ? "{}" : response, "application/json");
        }
#pragma warning disable CA1031 // The caller asked to see the job's failure: it becomes the response.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRunNowFailed(loggers.CreateLogger(typeof(LocalEndpoints)), exception, operation);
            return Results.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: $"{operation} failed",
                detail: exception.Message,
                extensions: new Dictionary<string, object?> { ["errorType"] = exception.GetType().Name });
        }
    }

    /// <summary>What a client needs to sign in against cognito-local.</summary>
    internal sealed record LocalCognitoSettings(string Endpoint, string UserPoolId, string ClientId, string? Issuer);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Running {Operation} on request failed")]
    private static partial void LogRunNowFailed(ILogger logger, Exception exception, string operation);
}
