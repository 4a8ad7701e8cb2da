using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace BitcoinEvents.LocalAws;

/// <summary>Reads the last lines of a log file, for error messages.</summary>
internal static class LogTail
{
    public static string Read(string path, int maxLines = 40)
    {
        try
        {
            if (!File.Exists(path))
            {
                return "(no log)";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int MaxBytes = 16 * 1024;
            if (stream.Length > MaxBytes)
            {
                stream.Seek(-MaxBytes, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n');
            var tail = lines.Skip(Math.Max(0, lines.Length - maxLines));
            return "--- last lines of " + path + " ---" + Environment.NewLine + string.Join(Environment.NewLine, tail).TrimEnd();
        }
        catch (IOException ex)
        {
            return $"(could not read log {path}: {ex.Message})";
        }
    }
}

/// <summary>
/// Every server process this library started and has not stopped yet. They are killed (whole
/// process tree) when this process exits. A child also exits by itself when its standard input (a
/// pipe this process holds) reaches end of file, which covers this process being killed hard.
/// On Linux the children run in their own session (setsid), so a terminal's Ctrl-C reaches only
/// this process: it decides when they stop (e.g. the dev host drains requests first), and if it
/// just dies, the lifeline takes them down with it.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static readonly object InstallGate = new();
    private static bool _installed;

    public static void Add(Process process)
    {
        EnsureHooks();
        Live[process.Id] = process;
    }

    public static void Remove(Process process)
    {
        try
        {
            Live.TryRemove(process.Id, out _);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
    }

    public static void KillAll()
    {
        foreach (var (id, process) in Live)
        {
            KillTree(process);
            Live.TryRemove(id, out _);
        }
    }

    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone or not ours any more.
        }
    }

    private static void EnsureHooks()
    {
        lock (InstallGate)
        {
            if (_installed)
            {
                return;
            }

            _installed = true;

            // No signal handlers here: the host decides what SIGINT/SIGTERM mean (the dev host stops
            // gracefully and disposes the servers itself). When the process ends, they go.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }
    }
}

/// <summary>Runs a process to its end, its output going to a log file.</summary>
internal static class ChildProcessRunner
{
    public static async Task<int> RunToEndAsync(ProcessStartInfo startInfo, string logPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var server = ServerProcess.Start("npm", startInfo, logPath, readyMarker: null);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await server.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{startInfo.FileName}' did not finish within {timeout}. {LogTail.Read(logPath)}");
        }
    }
}

/// <summary>
/// One child process: output to a log file, standard input held open as a lifeline, an optional
/// ready marker line (<c>LOCALAWS_READY port=N</c>) on standard output, stopped with its whole tree.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logGate = new();
    private readonly string? _readyMarker;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamsOpen = 2;
    private bool _disposed;

    private ServerProcess(string name, Process process, string logPath, string? readyMarker)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _readyMarker = readyMarker;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        RollIfLarge(logPath);
        _log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
        {
            AutoFlush = true,
        };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id { get; private set; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes with the port from the ready marker; faults if the process exits first.</summary>
    public Task<int> Ready => _ready.Task;

    public Task<int> Exited => _exited.Task;

    public static ServerProcess Start(string name, ProcessStartInfo startInfo, string logPath, string? readyMarker)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.StandardErrorEncoding = Encoding.UTF8;

        DetachFromTerminal(startInfo);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, logPath, readyMarker);
        server.WriteLog($"# {DateTimeOffset.Now:O} starting {name}: {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList.Select(Quote))} (cwd {startInfo.WorkingDirectory})");
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => server.OnExited();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            server._log.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ('{startInfo.FileName}'): {ex.Message}. Is it installed and on PATH?", ex);
        }

        server.Id = process.Id;
        ChildProcessRegistry.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        return await _exited.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Closes standard input (the child exits by itself), then kills the tree after a grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_exited.Task.IsCompleted)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Pipe already broken.
            }
            catch (InvalidOperationException)
            {
                // Not redirected / already closed.
            }

            try
            {
                await _exited.Task.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                ChildProcessRegistry.KillTree(_process);
                try
                {
                    await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    WriteLog($"# {Name} (pid {Id}) did not exit after being killed");
                }
            }
        }

        // Children of the child (none expected) go too.
        ChildProcessRegistry.KillTree(_process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(TimeSpan.FromSeconds(3));
        ChildProcessRegistry.Remove(_process);
        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    /// <summary>
    /// On Linux, runs the child through <c>setsid</c> (same pid: a freshly forked child is no group
    /// leader, so setsid execs in place) so that a terminal's Ctrl-C does not reach it directly.
    /// </summary>
    private static void DetachFromTerminal(ProcessStartInfo startInfo)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("LOCALAWS_NO_SETSID") == "1" || SetsidPath.Value is not { } setsid)
        {
            return;
        }

        startInfo.ArgumentList.Insert(0, startInfo.FileName);
        startInfo.FileName = setsid;
    }

    private static readonly Lazy<string?> SetsidPath = new(() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists));

    /// <summary>Logs of persistent data folders are appended to across runs: keep one previous generation past 5 MB.</summary>
    private static void RollIfLarge(string logPath)
    {
        try
        {
            var info = new FileInfo(logPath);
            if (info.Exists && info.Length > 5 * 1024 * 1024)
            {
                File.Move(logPath, logPath + ".1", overwrite: true);
            }
        }
        catch (IOException)
        {
            // Another process writes it: keep appending.
        }
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _streamsOpen) == 0)
            {
                CompleteExit();
            }

            return;
        }

        WriteLog(isError ? "[err] " + line : line);
        if (!isError && _readyMarker is not null && line.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult(ParsePort(line));
        }
    }

    private void OnExited()
    {
        // Output may still be draining; CompleteExit runs when both streams are closed too.
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            CompleteExit();
        });
        if (Volatile.Read(ref _streamsOpen) == 0)
        {
            CompleteExit();
        }
    }

    private void CompleteExit()
    {
        int code;
        try
        {
            if (!_process.HasExited)
            {
                // Streams closed but the process lives on (it closed its stdout): wait for Exited.
                return;
            }

            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        if (_exited.TrySetResult(code))
        {
            WriteLog($"# {DateTimeOffset.Now:O} {Name} exited with code {code}");
        }

        _ready.TrySetException(new InvalidOperationException($"{Name} exited with code {code} before it was ready."));
    }

    private void WriteLog(string line)
    {
        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Late output after disposal.
            }
        }
    }

    /// <summary>The port in a ready line: "port=N", else the last ":N" (as in a URL).</summary>
    private static int ParsePort(string line)
    {
        var match = PortPattern().Match(line);
        if (!match.Success)
        {
            var matches = UrlPortPattern().Matches(line);
            if (matches.Count == 0)
            {
                return 0;
            }

            match = matches[^1];
        }

        return int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bport=(\d+)")]
    private static partial System.Text.RegularExpressions.Regex PortPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@":(\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex UrlPortPattern();

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? "\"" + argument + "\"" : argument;
}
