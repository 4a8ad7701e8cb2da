using System.Diagnostics;
using System.Globalization;

namespace LambdaColdStart;

/// <summary>What a variant is: a build of the area, or the bare runtime loop every ratio is taken against.</summary>
internal enum VariantKind
{
    /// <summary>A build of an area (Native AOT or JIT): real operations, checked.</summary>
    Area,

    /// <summary>The bare runtime loop: answers every event with the same fixed response.</summary>
    Baseline,
}

/// <summary>How to start one variant of a function: the executable, its arguments and its folder.</summary>
internal sealed record Launch(string Variant, string Executable, IReadOnlyList<string> Arguments, string TaskRoot, VariantKind Kind = VariantKind.Area)
{
    /// <summary>
    /// A command the process runs under (a profiler or tracer, e.g. <c>perf record -g -o /tmp/p{n}.data</c>;
    /// <c>{n}</c> becomes a number per start). Such a process is stopped with SIGTERM first, so
    /// the tool can write its output. Its timings and RSS are the tool's, not the function's.
    /// </summary>
    public IReadOnlyList<string>? Wrapper { get; init; }

    /// <summary>
    /// For a variant of another area: the operation it runs in place of each measured one (the
    /// Ticketing bootstrap answers GetTicketingSettings where the Events one answers GetEvent).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Operations { get; init; }

    /// <summary>The operation this variant runs when <paramref name="operation"/> is measured.</summary>
    public string OperationFor(string operation) => Operations?.GetValueOrDefault(operation) ?? operation;

    /// <summary>A Native AOT executable (run as it is), or a JIT assembly (run by `dotnet`).</summary>
    public static Launch For(string variant, string path, VariantKind kind = VariantKind.Area) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new Launch(variant, "dotnet", [path], Path.GetDirectoryName(path)!, kind)
            : new Launch(variant, path, [], Path.GetDirectoryName(path)!, kind);

    /// <summary>The file that ships: the executable, or the JIT assembly.</summary>
    public string Artifact => Arguments.Count > 0 ? Arguments[0] : Executable;
}

/// <summary>
/// One execution environment: the function's process started with a Lambda-like environment
/// (only what Lambda sets, plus the function's own variables), its output kept in a small ring
/// buffer for diagnostics, its peak RSS read from /proc before it is killed.
/// </summary>
internal sealed class FunctionProcess : IDisposable
{
    // Inherited only so that the executable and the dotnet host can be found.
    private static readonly string[] s_inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly object _lock = new();
    private static int s_wrapped;
    private bool _wrapped;

    private FunctionProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before exec.</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static FunctionProcess Start(Launch launch, IReadOnlyDictionary<string, string> environment)
    {
        var wrapper = launch.Wrapper?.Select(a => a.Replace("{n}", Interlocked.Increment(ref s_wrapped).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        var start = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : launch.Executable)
        {
            WorkingDirectory = launch.TaskRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in wrapper is { Count: > 0 } ? [.. wrapper.Skip(1), launch.Executable, .. launch.Arguments] : launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var inherited = s_inherited
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => v.value is not null)
            .ToList();
        start.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var startedAt = Stopwatch.GetTimestamp();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{launch.Executable} did not start.");
        }

        var result = new FunctionProcess(process, startedAt) { _wrapped = wrapper is { Count: > 0 } };
        process.OutputDataReceived += (_, e) => result.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => result.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Peak resident set size (VmHWM) in kB, from /proc/&lt;pid&gt;/status; null once the process is gone.</summary>
    public long? PeakRssKilobytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var digits = new string(line.AsSpan("VmHWM:".Length).Trim().ToString().TakeWhile(char.IsDigit).ToArray());
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>
    /// Page faults the process has taken so far (minor: a page mapped without I/O, such as the
    /// binary's pages from the page cache and fresh zeroed memory), from /proc/&lt;pid&gt;/stat; null
    /// once the process is gone.
    /// </summary>
    public long? MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt ...: after the comm, minflt is at index 7.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU time the process has used so far (all its threads, user and system), in ms, from
    /// /proc/&lt;pid&gt;/task/*/schedstat (nanoseconds); null once the process is gone. Unlike wall
    /// time it hardly depends on what else the machine runs.
    /// </summary>
    public double? CpuMilliseconds()
    {
        try
        {
            long total = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', 2);
                total += long.Parse(fields[0], CultureInfo.InvariantCulture);
            }

            return total / 1e6;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for error messages.</summary>
    public string Tail()
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    /// <summary>Kills the process (as Lambda does when it retires an environment) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_wrapped && !_process.HasExited)
        {
            // Let the wrapping tool stop its child and write its output.
            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(wait.Token);
    }

    public void Dispose() => _process.Dispose();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lastLines.Enqueue(line.Length > 500 ? line[..500] : line);
            while (_lastLines.Count > 30)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
