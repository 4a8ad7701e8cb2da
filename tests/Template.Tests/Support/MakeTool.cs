using System.Diagnostics;

namespace Template.Tests.Support;

/// <summary>Runs GNU make on the repository's Makefiles (bounded in time).</summary>
internal static class MakeTool
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("make")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("MAKEFLAGS");
        start.Environment.Remove("MFLAGS");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("make did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"make {string.Join(' ', arguments)} took longer than {s_timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
