using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using System.Text.Json.Nodes;
using BitcoinEvents.DevHost;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.Lambda;
using DevHost.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DevHost.Tests.Scheduling;

/// <summary>The scheduler and <c>POST /local/schedules/{operation}/run</c> on a host with a test-only area.</summary>
public sealed class SchedulerTests
{
    private const string Template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          PingFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Ping
              Events:
                Api:
                  Type: HttpApi
                  Properties:
                    Method: GET
                    Path: /ping
                    Auth:
                      Authorizer: NONE
          TickFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Tick
              Timeout: 5
              Events:
                Hourly:
                  Type: Schedule
                  Properties:
                    Schedule: rate(1 hour)
          BreakFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Break
              Events:
                Nightly:
                  Type: Schedule
                  Properties:
                    Schedule: cron(0 3 * * ? *)
                    Enabled: false
        """;

    private readonly TickLog _log = new();

    [Fact]
    public async Task RunNow_RunsTheJobWithAScheduledEventAndReturnsItsResponse()
    {
        await using var app = await StartAsync(TimeProvider.System);
        using var http = Client(app);

        using var response = await http.PostAsync("local/schedules/Tick/run", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync(Ct));
        var tick = Assert.Single(_log.Events);
        Assert.Equal("Scheduled Event", tick.DetailType);
        Assert.Equal("aws.events", tick.Source);
        Assert.Equal("0", tick.Version);
        Assert.Equal("us-east-1", tick.Region);
        Assert.Equal("000000000000", tick.Account);
        Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/TickFunctionHourly", Assert.Single(tick.Resources));
        Assert.True(Guid.TryParse(tick.Id, out _));
        Assert.InRange(tick.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task RunNow_WhenTheJobFails_AnswersAProblemWithItsError()
    {
        await using var app = await StartAsync(TimeProvider.System);
        using var http = Client(app);

        using var response = await http.PostAsync("local/schedules/Break/run", null, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("Break failed", problem!["title"]!.GetValue<string>());
        Assert.Equal("the job broke", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunNow_ForAnUnknownOperation_Answers404NamingTheKnownOnes()
    {
        await using var app = await StartAsync(TimeProvider.System);
        using var http = Client(app);

        using var response = await http.PostAsync("local/schedules/Nope/run", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>();
        Assert.Contains("Tick", detail, StringComparison.Ordinal);
        Assert.Contains("Break", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_RunsEnabledJobsWhenTheirTimeComes_AndSkipsDisabledOnes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 2, 30, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var start = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100, Ct);
        Assert.Empty(_log.Events);

        // Past 03:30: the hourly tick is due, and the disabled 03:00 cron is passed.
        var first = await AdvanceUntilTickAsync(clock);
        Assert.Equal(start.AddHours(1), first.Time);

        var second = await AdvanceUntilTickAsync(clock);
        Assert.Equal(start.AddHours(2), second.Time);
        Assert.Equal(0, _log.Breaks);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Moves the fake clock ten minutes at a time (the scheduler sets its timer whenever it gets to run) until a job runs.</summary>
    private async Task<ScheduledEvent> AdvanceUntilTickAsync(FakeTimeProvider clock)
    {
        for (var step = 0; step < 12; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            if (await _log.TryNextAsync(TimeSpan.FromMilliseconds(250), Ct) is { } tick)
            {
                return tick;
            }
        }

        throw new Xunit.Sdk.XunitException("No job ran within two fake hours.");
    }

    private static HttpClient Client(WebApplication app) => new() { BaseAddress = DevHostApp.BaseUrl(app) };

    private async Task<WebApplication> StartAsync(TimeProvider clock)
    {
        var area = new AreaDefinition
        {
            Name = "Test",
            AddServices = builder => builder.Services.AddSingleton(_log),
            MapEndpoints = app => app.MapGet("/ping", () => "pong").WithName("Ping").AllowAnonymous(),
            BackgroundOperations = [BackgroundOperation.Schedule<TickJob>("Tick"), BackgroundOperation.Schedule<BreakJob>("Break")],
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

    internal sealed class TickLog
    {
        private readonly Channel<ScheduledEvent> _arrived = Channel.CreateUnbounded<ScheduledEvent>();

        public ConcurrentQueue<ScheduledEvent> Events { get; } = new();

        public int Breaks { get; set; }

        public void Add(ScheduledEvent scheduledEvent)
        {
            Events.Enqueue(scheduledEvent);
            _arrived.Writer.TryWrite(scheduledEvent);
        }

        public async Task<ScheduledEvent?> TryNextAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                return await _arrived.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    internal sealed class TickJob(TickLog log) : IScheduledJob
    {
        public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
        {
            log.Add(scheduledEvent);
            return Task.CompletedTask;
        }
    }

    internal sealed class BreakJob(TickLog log) : IScheduledJob
    {
        public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
        {
            log.Breaks++;
            throw new InvalidOperationException("the job broke");
        }
    }
}
