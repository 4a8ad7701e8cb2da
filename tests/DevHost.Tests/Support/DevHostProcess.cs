using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace DevHost.Tests.Support;

/// <summary>
/// The real DevHost as a child process (<c>dotnet BitcoinEvents.DevHost.dll --in-memory</c>, a
/// free port, free server ports), stopped with a real signal.
/// </summary>
internal sealed partial class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevHostProcess(Process process, int port)
    {
        _process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

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

    public static async Task<DevHostProcess> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
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
        foreach (var argument in new[] { dll, "--in-memory", "--port", port.ToString(CultureInfo.InvariantCulture), "--dynamodb-port", "0", "--fauxqs-port", "0", "--ses-port", "0", "--cognito-port", "0", "--sns-mobile-port", "0", "--fake-providers-port", "0", "--no-web" })
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

    /// <summary>The value printed in the banner's token command.</summary>
    public string ClientId => ClientIdPattern().Match(Output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("No client id in the banner:" + Environment.NewLine + Output);

    /// <summary>The Cognito URL printed in the banner's token command.</summary>
    public Uri CognitoUrl => CognitoPattern().Match(Output) is { Success: true } match
        ? new Uri(match.Groups[1].Value)
        : throw new InvalidOperationException("No Cognito URL in the banner:" + Environment.NewLine + Output);

    /// <summary>This process and every descendant (from /proc).</summary>
    public IReadOnlyList<int> ProcessTree() => ProcessTable.Descendants(Id).Prepend(Id).ToList();

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
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

    [GeneratedRegex("\"ClientId\":\"([^\"]+)\"")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"TOKEN=\$\(curl -sS --fail-with-body (\S+)")]
    private static partial Regex CognitoPattern();
}

/// <summary>The process table as Linux's /proc shows it.</summary>
internal static class ProcessTable
{
    public static IEnumerable<int> Descendants(int root)
    {
        var children = ParentsById().GroupBy(p => p.Value, p => p.Key).ToDictionary(g => g.Key, g => g.ToList());
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(pending.Pop()) ?? [])
            {
                yield return child;
                pending.Push(child);
            }
        }
    }

    /// <summary>True when the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Stat(pid);
        return stat is not null && StateOf(stat) != 'Z';
    }

    private static Dictionary<int, int> ParentsById()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                // pid (comm) state ppid ...: comm may hold spaces and parentheses.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return parents;
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
