using System.Diagnostics;

namespace Web.Tests.Support;

/// <summary>
/// Debian's chromium, which Playwright drives instead of a browser of its own (nothing is
/// downloaded). Missing: installed with apt-get when the tests run as root (CI does), else the
/// run fails with the one command that installs it. Never skipped.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";
    public const string InstallCommand = "apt-get update && apt-get install -y chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path))
        {
            return Path;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path))
            {
                return Path;
            }

            if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The browser tests need Debian's chromium at {Path}. Install it (as root): {InstallCommand}");
            }

            using var install = Process.Start(new ProcessStartInfo("bash", ["-c", InstallCommand])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
            })!;
            var output = install.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = install.StandardError.ReadToEndAsync(cancellationToken);
            await install.WaitForExitAsync(cancellationToken);
            if (install.ExitCode != 0 || !File.Exists(Path))
            {
                throw new InvalidOperationException($"'{InstallCommand}' failed ({install.ExitCode}):{Environment.NewLine}{await errors}{Environment.NewLine}{(await output)[^Math.Min(2000, (await output).Length)..]}");
            }

            return Path;
        }
        finally
        {
            Gate.Release();
        }
    }
}
