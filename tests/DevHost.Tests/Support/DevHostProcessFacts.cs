using System.Globalization;
using System.Text.RegularExpressions;
using BitcoinEvents.TestSupport;

namespace DevHost.Tests.Support;

/// <summary>What DevHost's own tests read from the DevHost process: its banner's token command and its process tree.</summary>
internal static partial class DevHostProcessFacts
{
    extension(DevHostProcess host)
    {
        /// <summary>The value printed in the banner's token command.</summary>
        public string ClientId => host.FromBanner(ClientIdPattern(), "client id");

        /// <summary>The Cognito URL printed in the banner's token command.</summary>
        public Uri CognitoUrl => new(host.FromBanner(CognitoPattern(), "Cognito URL"));

        /// <summary>This process and every descendant (from /proc).</summary>
        public IReadOnlyList<int> ProcessTree() => ProcessTable.Descendants(host.Id).Prepend(host.Id).ToList();
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
