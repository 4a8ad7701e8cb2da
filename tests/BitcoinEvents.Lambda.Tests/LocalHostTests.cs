using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>The same area on Kestrel (outside Lambda), and the bridge measured against it.</summary>
public sealed class LocalHostTests
{
    private static readonly string[] LambdaArgs = ["--Logging:LogLevel:Default=None"];

    [Fact]
    public async Task Build_WithoutConfiguredUrls_ListensOnLoopbackPort5000()
    {
        await using var app = LambdaApplication.Build([], TestArea.Create(), TestArea.Defaults, lambda: false);

        Assert.Equal("http://127.0.0.1:5000", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_WithConfiguredUrls_KeepsThem()
    {
        await using var app = LambdaApplication.Build(["--urls=http://127.0.0.1:6123"], TestArea.Create(), TestArea.Defaults, lambda: false);

        Assert.Equal("http://127.0.0.1:6123", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_ForLambda_QuietsPerRequestFrameworkLogsUnlessConfigured()
    {
        await using var quiet = LambdaApplication.Build([], TestArea.Create(), TestArea.Defaults, lambda: true);
        await using var configured = LambdaApplication.Build(["--Logging:LogLevel:Microsoft.AspNetCore=Debug"], TestArea.Create(), TestArea.Defaults, lambda: true);

        Assert.Equal("Warning", quiet.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("Warning", quiet.Configuration["Logging:LogLevel:Microsoft.Hosting.Lifetime"]);
        Assert.Equal("Debug", configured.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public async Task Build_ForLambda_ReadsNoFileAndStartsNoBackgroundService()
    {
        // Lambda ships the bootstrap alone and lets a function write nothing under $HOME: a
        // configuration file to watch or a Data Protection key ring to load is cold-start time
        // spent for nothing, before the first invocation.
        await using var app = LambdaApplication.Build(LambdaArgs, TestArea.Create(), TestArea.Defaults, lambda: true);

        var providers = ((IConfigurationRoot)app.Configuration).Providers;
        Assert.DoesNotContain(providers, provider => provider is FileConfigurationProvider);
        Assert.Null(app.Services.GetService<IDataProtectionProvider>());
        Assert.All(app.Services.GetServices<IHostedService>(), service => Assert.Equal("GenericWebHostService", service.GetType().Name));
    }

    [Fact]
    public async Task Build_ForKestrel_ReadsAppSettingsEnvironmentAndCommandLineLikeTheSlimBuilder()
    {
        await using var app = LambdaApplication.Build(["--Area:Setting=from-args"], TestArea.Create(), TestArea.Defaults, lambda: false);

        var providers = ((IConfigurationRoot)app.Configuration).Providers.ToList();
        Assert.Contains(providers, provider => provider is FileConfigurationProvider { Source.Path: "appsettings.json" });
        Assert.Equal("from-args", app.Configuration["Area:Setting"]);
    }

    [Theory]
    [InlineData("/items/a%2Fb%2Bc%25d+e")]
    [InlineData("/items/caf%C3%A9%20bar")]
    [InlineData("/echo/a%2Fb/c%20d+e%25")]
    [InlineData("/echo/x?tag=btc&tag=lightning&q=a%2Cb")]
    public async Task RunAsync_WithoutRuntimeApi_ServesOnKestrelExactlyAsTheBridgeDoes(string target)
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new LambdaHostSettings(RuntimeApi: null, Handler: null) { OnLocalStarted = app => started.SetResult(app.Urls.Single()) };
        var run = LambdaEntryPoint.RunAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None"], TestArea.Create(), TestArea.Defaults, settings, stop.Token);
        var baseUrl = await started.Task.Within();

        using var client = new HttpClient();
        var kestrelBody = await client.GetStringAsync(new Uri(baseUrl + target), ct);
        var bridgeBody = await ThroughBridgeAsync(target);

        Assert.Equal(Normalize(kestrelBody), Normalize(bridgeBody));
        await stop.CancelAsync();
        Assert.Equal(0, await run.Within());
    }

    private static async Task<string> ThroughBridgeAsync(string target)
    {
        var parts = target.Split('?', 2);
        await using var app = LambdaApplication.Build(LambdaArgs, TestArea.Create(), TestArea.Defaults, lambda: true);
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var invocation = new LambdaInvocation("bridge", DateTimeOffset.UtcNow.AddSeconds(30));
            var eventJson = Fixtures.HttpEvent("http-api-v2-get.json", rawPath: parts[0], rawQueryString: parts.Length > 1 ? parts[1] : "");
            var response = await app.Services.GetRequiredService<LambdaHttpServer>().InvokeAsync(eventJson, invocation);
            return HttpApiResult.Parse(response).Body;
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    // What differs by host and not by translation: the caller, its headers and the request id.
    private static string Normalize(string body)
    {
        if (!body.StartsWith('{'))
        {
            return body;
        }

        var echo = System.Text.Json.JsonSerializer.Deserialize<EchoResponse>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        return $"{echo.Method} {echo.PathBase} {echo.Path} {echo.QueryString} {echo.RawTarget} "
            + string.Join(';', echo.RouteValues.Select(pair => $"{pair.Key}={pair.Value}"))
            + " " + string.Join(';', echo.Query.Select(pair => $"{pair.Key}={string.Join('|', pair.Value)}"));
    }

    [Theory]
    [InlineData("DEBUG", "Debug")]
    [InlineData("WARN", "Warning")]
    [InlineData("FATAL", "Critical")]
    [InlineData(null, "Information")]
    public void ApplicationLogLevel_MapsLambdasLevelNames(string? lambdaLevel, string expected) =>
        Assert.Equal(expected, LambdaApplication.ApplicationLogLevel(lambdaLevel));
}
