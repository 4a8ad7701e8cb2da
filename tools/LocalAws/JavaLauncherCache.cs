using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.LocalAws;

/// <summary>Compiles tools/LocalAws/DynamoDbLoopback.java once per source and jar version into <c>&lt;repo&gt;/.local/cache</c>.</summary>
internal static class JavaLauncherCache
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The folder holding the compiled class, or null when it cannot be compiled here (then run in source-file mode).</summary>
    public static async Task<string?> TryCompileAsync(string java, string source, string classPath, string root, string logDirectory, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("LOCALAWS_JAVA_SOURCE_MODE") == "1")
        {
            return null;
        }

        var key = Key(source, classPath);
        var cacheRoot = Path.Combine(root, ".local", "cache");
        var target = Path.Combine(cacheRoot, "dynamodb-loopback-" + key);
        if (File.Exists(Path.Combine(target, "DynamoDbLoopback.class")))
        {
            return target;
        }

        var javac = FindJavac(java);
        if (javac is null)
        {
            return null;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(target, "DynamoDbLoopback.class")))
            {
                return target;
            }

            // Compile into a private folder, then move it into place: other processes see all or nothing.
            var staging = Path.Combine(cacheRoot, "staging-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            var startInfo = new ProcessStartInfo(javac) { WorkingDirectory = staging };
            foreach (var argument in new[] { "-nowarn", "-cp", classPath, "-d", staging, source })
            {
                startInfo.ArgumentList.Add(argument);
            }

            startInfo.Environment.Remove("JAVA_TOOL_OPTIONS");
            var logPath = Path.Combine(logDirectory, "javac.log");
            int exitCode;
            try
            {
                exitCode = await ChildProcessRunner.RunToEndAsync(startInfo, logPath, TimeSpan.FromMinutes(2), cancellationToken);
            }
            catch (InvalidOperationException)
            {
                exitCode = -1;
            }

            if (exitCode != 0 || !File.Exists(Path.Combine(staging, "DynamoDbLoopback.class")))
            {
                TryDelete(staging);
                return null;
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException)
            {
                // Another process put it there first.
                TryDelete(staging);
            }

            // Builds of earlier versions of the launcher are of no further use.
            foreach (var stale in Directory.GetDirectories(cacheRoot, "dynamodb-loopback-*").Where(d => !string.Equals(d, target, StringComparison.Ordinal)))
            {
                TryDelete(stale);
            }

            return File.Exists(Path.Combine(target, "DynamoDbLoopback.class")) ? target : null;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Key(string source, string classPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(source));
        hash.AppendData(Encoding.UTF8.GetBytes(classPath));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static string? FindJavac(string java)
    {
        var name = OperatingSystem.IsWindows() ? "javac.exe" : "javac";
        if (Path.IsPathRooted(java))
        {
            var sibling = Path.Combine(Path.GetDirectoryName(java)!, name);
            return File.Exists(sibling) ? sibling : null;
        }

        // `java` from PATH: take the javac of the same JDK (resolve the symlink chain, e.g. /usr/bin/java → /usr/lib/jvm/...).
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var sibling = Path.Combine(Path.GetDirectoryName(resolved)!, name);
            return File.Exists(sibling) ? sibling : null;
        }

        return null;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
