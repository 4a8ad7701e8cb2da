using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BitcoinEvents.DevHost;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.Lambda;
using DevHost.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DevHost.Tests.Scheduling;

/// <summary>
/// DevHost's local clock (<c>GET</c>/<c>POST /local/clock</c>): moving it forward moves the time
/// every area reads and the time of the scheduled jobs; it never moves back; a host on a fake
/// clock has none to move.
/// </summary>
public sealed class LocalClockTests
{
    private const string Template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          NowFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Now
              Events:
                Api:
                  Type: HttpApi
                  Properties:
                    Method: GET
                    Path: /now
                    Auth:
                      Authorizer: NONE
          TickFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Tick
              Events:
                EveryMinute:
                  Type: Schedule
                  Properties:
                    Schedule: rate(1 minute)
        """;

    private readonly SchedulerTests.TickLog _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MovingTheClockForward_MovesTheTimeOfEveryAreaAndOfAJobRunOnDemand()
    {
        await using var app = await StartAsync(new LocalClock(TimeProvider.System));
        using var http = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app) };

        var before = await http.GetFromJsonAsync<JsonObject>("local/clock", Ct);
        Assert.Equal("PT0S", before!["offset"]!.GetValue<string>());

        using var moved = await http.PostAsync("local/clock", Json("""{"advance":"PT16M"}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var state = await moved.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("PT16M", state!["offset"]!.GetValue<string>());
        var ahead = state["now"]!.GetValue<DateTimeOffset>() - state["realNow"]!.GetValue<DateTimeOffset>();
        Assert.InRange(ahead, TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(16).Add(TimeSpan.FromSeconds(1)));

        var areaNow = DateTimeOffset.Parse(await http.GetStringAsync("now", Ct), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(areaNow, DateTimeOffset.UtcNow.AddMinutes(15), DateTimeOffset.UtcNow.AddMinutes(17));

        using var run = await http.PostAsync("local/schedules/Tick/run", null, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var tick = Assert.Single(_log.Events, e => e.Time > DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.InRange(tick.Time, DateTimeOffset.UtcNow.AddMinutes(15), DateTimeOffset.UtcNow.AddMinutes(17));

        using var again = await http.PostAsync("local/clock", Json("""{"advance":"P1DT2H"}"""), Ct);
        Assert.Equal("P1DT2H16M", (await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!["offset"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"advance":"-PT5M"}""", "advance", "only moves forward")]
    [InlineData("""{"advance":"PT0S"}""", "advance", "only moves forward")]
    [InlineData("""{"advance":"6 minutes"}""", "advance", "not an ISO 8601 duration")]
    [InlineData("""{"advance":"P400D"}""", "advance", "at most")]
    [InlineData("""{"advance":360}""", "advance", "must be a string")]
    [InlineData("""{"by":"PT5M"}""", "advance", "is required")]
    [InlineData("""advance=PT5M""", "body", "must be JSON")]
    public async Task AStepThatIsNotForward_IsA400NamingTheField_AndTheClockStays(string body, string field, string reason)
    {
        await using var app = await StartAsync(new LocalClock(TimeProvider.System));
        using var http = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app) };

        using var response = await http.PostAsync("local/clock", Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("validation_failed", problem!["code"]!.GetValue<string>());
        Assert.Contains(reason, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("PT0S", (await http.GetFromJsonAsync<JsonObject>("local/clock", Ct))!["offset"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHostOnAFakeClock_HasNoLocalClockToMove()
    {
        await using var app = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var http = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app) };

        using var response = await http.PostAsync("local/clock", Json("""{"advance":"PT5M"}"""), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WhenTheClockJumpsPastSeveralTicks_TheJobRunsOnceForTheLatest()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var start = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(45).Add(TimeSpan.FromSeconds(30)));

        var tick = await _log.TryNextAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(tick);
        Assert.Equal(start.AddMinutes(45), tick.Time);
        Assert.Null(await _log.TryNextAsync(TimeSpan.FromMilliseconds(300), Ct));
        Assert.Single(_log.Events);
    }

    [Theory]
    [InlineData("rate(1 minute)", "10:00:00", "09:59:00", "10:00:00")]
    [InlineData("rate(1 minute)", "10:00:00", "10:00:59", "10:00:00")]
    [InlineData("rate(1 minute)", "10:00:00", "10:06:30", "10:06:00")]
    [InlineData("rate(5 minutes)", "10:00:00", "11:04:59", "11:00:00")]
    [InlineData("cron(0/15 * * * ? *)", "10:00:00", "10:50:00", "10:45:00")]
    [InlineData("cron(0/15 * * * ? *)", "10:00:00", "10:10:00", "10:00:00")]
    public void LatestDue_IsTheLastTickNotAfterNow(string expression, string due, string now, string expected)
    {
        var day = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset At(string time) => day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(At(expected), Scheduler.LatestDue(ScheduleExpression.Parse(expression), At(due), At(now)));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<WebApplication> StartAsync(TimeProvider clock)
    {
        var area = new AreaDefinition
        {
            Name = "Test",
            AddServices = builder =>
            {
                // As every area does: the system clock unless the host gave one.
                builder.Services.TryAddSingleton(TimeProvider.System);
                builder.Services.AddSingleton(_log);
            },
            MapEndpoints = app => app.MapGet("/now", (TimeProvider time) => time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture))
                .WithName("Now")
                .AllowAnonymous(),
            BackgroundOperations = [BackgroundOperation.Schedule<SchedulerTests.TickJob>("Tick")],
        };
        var app = await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = [area],
            Template = Templates.FromText(Template),
            Port = 0,
            TimeProvider = clock,
        });
        await app.StartAsync(Ct);
        return app;
    }
}
