using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Web;

/// <summary>
/// Builds the web app (<c>npm ci</c> when node_modules does not match the lockfile, then
/// <c>npm run build</c>: the API types from openapi.json, type check, static export to web/out)
/// when its sources changed since the last build, and not otherwise. A lock in .local/ keeps two
/// processes (DevHost and a test run) from building at once.
/// </summary>
internal static class WebBuild
{
    private const string StampFile = ".devhost-build";

    /// <summary>Inputs of the build besides src/ and public/.</summary>
    private static readonly string[] InputFiles = ["package.json", "package-lock.json", "next.config.ts", "tsconfig.json", "openapi.json"];

    public static string WebRoot => Path.Combine(RepositoryPaths.Root, "web");

    public static string OutputDirectory => Path.Combine(WebRoot, "out");

    /// <summary>True when web/out was built from the sources as they are now.</summary>
    public static bool IsUpToDate() => IsUpToDate(Fingerprint());

    /// <summary>Builds web/ unless it is up to date; returns true when it built.</summary>
    /// <exception cref="InvalidOperationException">npm failed; the message has the log's tail.</exception>
    public static async Task<bool> EnsureBuiltAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        if (IsUpToDate())
        {
            return false;
        }

        using var buildLock = await AcquireLockAsync(cancellationToken);
        var fingerprint = Fingerprint();
        if (IsUpToDate(fingerprint))
        {
            return false;
        }

        var log = Path.Combine(RepositoryPaths.Root, ".local", "logs", "web-build.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, string.Empty, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        if (!NodeModulesMatchLock())
        {
            await progress.WriteLineAsync("Web app: installing its npm packages (npm ci, first run only)…");
            await RunAsync(["ci", "--no-audit", "--no-fund", "--loglevel=warn"], log, cancellationToken);
        }

        await progress.WriteLineAsync("Web app: building web/ (next build; when its sources change)…");
        await RunAsync(["run", "build"], log, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(OutputDirectory, StampFile), fingerprint, cancellationToken);
        await progress.WriteLineAsync(FormattableString.Invariant($"Web app: built in {stopwatch.Elapsed.TotalSeconds:F0} s (log {log})."));
        return true;
    }

    private static bool IsUpToDate(string fingerprint)
    {
        var stamp = Path.Combine(OutputDirectory, StampFile);
        return File.Exists(Path.Combine(OutputDirectory, "index.html"))
            && File.Exists(stamp)
            && string.Equals(File.ReadAllText(stamp).Trim(), fingerprint, StringComparison.Ordinal);
    }

    private static bool NodeModulesMatchLock()
    {
        var installed = Path.Combine(WebRoot, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(WebRoot, "package-lock.json");
        return File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile)
            && File.Exists(Path.Combine(WebRoot, "node_modules", "next", "package.json"));
    }

    /// <summary>SHA-256 over the build's inputs: names and contents of every file of src/ and public/ and the config files.</summary>
    public static string Fingerprint()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = InputFiles.Select(f => Path.Combine(WebRoot, f)).Where(File.Exists)
            .Concat(Tree("src"))
            .Concat(Tree("public").Where(f => !string.Equals(Path.GetFileName(f), "config.json", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(WebRoot, file).Replace('\\', '/') + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static IEnumerable<string> Tree(string folder)
    {
        var root = Path.Combine(WebRoot, folder);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !string.Equals(Path.GetRelativePath(WebRoot, f).Replace('\\', '/'), "src/api/schema.d.ts", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];
    }

    private static async Task RunAsync(IReadOnlyList<string> arguments, string log, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = WebRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NEXT_TELEMETRY_DISABLED"] = "1";
        startInfo.Environment["npm_config_update_notifier"] = "false";
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not run npm to build the web app: {exception.Message}. Is Node.js (20.19+) installed and on PATH?", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        await File.AppendAllTextAsync(log, $"$ npm {string.Join(' ', arguments)}\n{text}\n", CancellationToken.None);
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', text.Split('\n').TakeLast(30));
            throw new InvalidOperationException($"'npm {string.Join(' ', arguments)}' in web/ failed with exit code {process.ExitCode} (log {log}):\n{tail}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(RepositoryPaths.Root, ".local");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "web-build.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(15))
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
