using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BitcoinEvents.TestSupport;

/// <summary>
/// The real DevHost as a child process, as a newcomer runs it (<c>dotnet BitcoinEvents.DevHost.dll
/// --in-memory</c>): the API on a free port, every local server on a free port, none of the
/// caller's <c>DEVHOST_</c> settings. Up when its banner says so; stopped with a real signal. The
/// test project references tools/DevHost, which puts the DLL beside the test assembly.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevHostProcess(Process process, int port)
    {
        _process = process;
        ApiUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Where DevHost serves the platform's API.</summary>
    public Uri ApiUrl { get; }

    public int Id => _process.Id;

    /// <summary>What the process printed so far (standard output and error, line by line).</summary>
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

    /// <summary>
    /// Starts DevHost with <paramref name="arguments"/> after the in-memory, free-port ones (for
    /// instance <c>--no-web</c>, or <c>--web-port 0</c>), and waits until its banner says it is up.
    /// </summary>
    public static async Task<DevHostProcess> StartAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
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
        string[] freePorts = [dll, "--in-memory", "--port", port.ToString(CultureInfo.InvariantCulture), "--dynamodb-port", "0", "--fauxqs-port", "0", "--ses-port", "0", "--cognito-port", "0", "--sns-mobile-port", "0", "--fake-providers-port", "0"];
        foreach (var argument in freePorts.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("DEVHOST_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var process = new Process { StartInfo = startInfo };
        var host = new DevHostProcess(process, port);
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

    /// <summary>The first capture group of <paramref name="pattern"/> in the output (the banner names <paramref name="what"/>).</summary>
    public string FromBanner(Regex pattern, string what) => pattern.Match(Output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"No {what} in DevHost's banner:{Environment.NewLine}{Output}");

    /// <summary>Sends a signal (INT, TERM) and waits for the exit code.</summary>
    public async Task<int> StopAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>Stops DevHost as Ctrl-C would (TERM), and kills its process tree if it has not exited in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync("TERM", StopGracePeriod);
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
}
