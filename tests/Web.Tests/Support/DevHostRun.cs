using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Web.Tests.Support;

/// <summary>
/// The real DevHost process, as a newcomer runs it (<c>dotnet BitcoinEvents.DevHost.dll</c>), in
/// memory, every port free: it builds web/ when stale, serves it, seeds the demo users, events and
/// ticket types. The API and web URLs come from its banner.
/// </summary>
internal sealed partial class DevHostRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevHostRun(Process process, Uri api)
    {
        _process = process;
        ApiUrl = api;
    }

    public Uri ApiUrl { get; }

    public Uri WebUrl => WebPattern().Match(Output) is { Success: true } match
        ? new Uri(match.Groups[1].Value)
        : throw new InvalidOperationException("No web app URL in DevHost's banner:" + Environment.NewLine + Output);

    /// <summary>cognito-local's endpoint, from the banner.</summary>
    public Uri CognitoUrl => CognitoPattern().Match(Output) is { Success: true } match
        ? new Uri(match.Groups[1].Value)
        : throw new InvalidOperationException("No Cognito URL in DevHost's banner:" + Environment.NewLine + Output);

    /// <summary>Where the local servers log (cognito-local prints the codes it "e-mails" there).</summary>
    public string LogDirectory => LogsPattern().Match(Output) is { Success: true } match
        ? match.Groups[1].Value.Trim()
        : throw new InvalidOperationException("No log folder in DevHost's banner:" + Environment.NewLine + Output);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<DevHostRun> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "BitcoinEvents.DevHost.dll");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { dll, "--in-memory", "--port", port.ToString(CultureInfo.InvariantCulture), "--web-port", "0", "--dynamodb-port", "0", "--fauxqs-port", "0", "--ses-port", "0", "--cognito-port", "0", "--sns-mobile-port", "0", "--fake-providers-port", "0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("DEVHOST_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var process = new Process { StartInfo = startInfo };
        var host = new DevHostRun(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await Task.WhenAny(host._ready.Task, process.WaitForExitAsync(wait.Token)).WaitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reported below with the output so far.
        }

        if (!host._ready.Task.IsCompleted)
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException($"DevHost did not come up within {timeout.TotalSeconds} s:{Environment.NewLine}{output}");
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var stop = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Ctrl-C stops the platform", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"web app\s+(http://\S+)")]
    private static partial Regex WebPattern();

    [GeneratedRegex(@"^\s*logs\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LogsPattern();

    [GeneratedRegex(@"Cognito (http://\S+)")]
    private static partial Regex CognitoPattern();
}
