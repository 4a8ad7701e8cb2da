using System.Globalization;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// In-memory runs keep logs and cognito-local's data in a temporary folder, deleted on dispose. A
/// process killed hard cannot delete it: each folder names its owner (pid and start time), and the
/// next start deletes folders whose owner is gone.
/// </summary>
internal static class TemporaryFolders
{
    private const string OwnerFile = "owner";

    public static void MarkOwned(string folder) =>
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " " + StartTicks(Environment.ProcessId));

    public static void DeleteAbandoned(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            try
            {
                var ownerPath = Path.Combine(folder, OwnerFile);
                if (!File.Exists(ownerPath) || DateTime.UtcNow - File.GetLastWriteTimeUtc(ownerPath) < TimeSpan.FromSeconds(30))
                {
                    continue;
                }

                var parts = File.ReadAllText(ownerPath).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2
                    && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                    && !IsAlive(pid, parts[1]))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // In use or already gone: leave it.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's.
            }
        }
    }

    private static bool IsAlive(int pid, string startTicks)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        // Same pid and same start time: the same process (pids are reused).
        return StartTicks(pid) is { } current && string.Equals(current, startTicks, StringComparison.Ordinal);
    }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot); "?" off Linux.</summary>
    private static string? StartTicks(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "?";
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
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
