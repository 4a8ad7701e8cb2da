using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>What CloudWatch receives from a function: one JSON object per line, queryable by request id.</summary>
public sealed class JsonLinesLoggerProviderTests : IDisposable
{
    private readonly MemoryStream _output = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 34, 56, 789, TimeSpan.Zero));

    [Fact]
    public void Log_InsideAnInvocationScope_WritesOneJsonLineWithStateAndTheRequestId()
    {
        using (var factory = CreateFactory())
        {
            var logger = factory.CreateLogger("BitcoinEvents.Events.GetEvent");
            using (LambdaLog.InvocationScope(logger, "req-1"))
            {
                LambdaLog.ForeignRoute(logger, "ListEvents", "GetEvent");
            }
        }

        var line = Assert.Single(Lines());
        var entry = line.RootElement;
        Assert.Equal("2026-11-30T12:34:56.789Z", entry.GetProperty("Timestamp").GetString());
        Assert.Equal(22, entry.GetProperty("EventId").GetInt32());
        Assert.Equal("Warning", entry.GetProperty("LogLevel").GetString());
        Assert.Equal("BitcoinEvents.Events.GetEvent", entry.GetProperty("Category").GetString());
        Assert.Equal("A request for endpoint 'ListEvents' reached the function serving 'GetEvent'; answering 404", entry.GetProperty("Message").GetString());
        Assert.Equal("ListEvents", entry.GetProperty("State").GetProperty("Endpoint").GetString());
        var scope = Assert.Single(entry.GetProperty("Scopes").EnumerateArray());
        Assert.Equal("req-1", scope.GetProperty("AwsRequestId").GetString());
        Assert.False(entry.TryGetProperty("Exception", out _));
    }

    [Fact]
    public void Log_WithException_WritesItsTextOnTheSameLine()
    {
        using (var factory = CreateFactory())
        {
            var logger = factory.CreateLogger("Test");
            LambdaLog.InvocationFailed(logger, new InvalidOperationException("line one\nline two"), "req-2");
            LambdaLog.InvocationFailed(logger, new TimeoutException("again"), "req-3");
        }

        var lines = Lines();
        Assert.Equal(2, lines.Count);
        Assert.Contains("line one\nline two", lines[0].RootElement.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Equal("Error", lines[0].RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("req-3", lines[1].RootElement.GetProperty("State").GetProperty("RequestId").GetString());
    }

    [Fact]
    public void Log_BelowTheConfiguredLevel_WritesNothing()
    {
        using (var factory = CreateFactory(LogLevel.Warning))
        {
            var logger = factory.CreateLogger("Test");
            LambdaLog.Serving(logger, "GetEvent", "Events", "Http");
        }

        Assert.Empty(Lines());
    }

    [Fact]
    public async Task Log_FromConcurrentInvocations_NeverInterleavesLines()
    {
        using (var factory = CreateFactory())
        {
            var logger = factory.CreateLogger("Test");
            await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            {
                for (var i = 0; i < 50; i++)
                {
                    using (LambdaLog.InvocationScope(logger, $"req-{worker}-{i}"))
                    {
                        LambdaLog.SqsMessageSkipped(logger, new string('x', 300));
                    }
                }
            })));
        }

        var lines = Lines();
        Assert.Equal(400, lines.Count);
        Assert.Equal(400, lines.Select(line => line.RootElement.GetProperty("Scopes")[0].GetProperty("AwsRequestId").GetString()).Distinct().Count());
    }

    public void Dispose() => _output.Dispose();

    private ILoggerFactory CreateFactory(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(minimum);
        logging.AddProvider(new JsonLinesLoggerProvider(_output, _clock));
    });

    private List<JsonDocument> Lines() =>
    [
        .. Encoding.UTF8.GetString(_output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line)),
    ];
}
