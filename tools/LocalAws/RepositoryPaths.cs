namespace BitcoinEvents.LocalAws;

/// <summary>Finds the repository root: the nearest folder holding <c>template.yaml</c>.</summary>
public static class RepositoryPaths
{
    private const string TemplateFileName = "template.yaml";
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (walks up from the app's base directory, then from the current directory).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The repository's <c>template.yaml</c>.</summary>
    public static string TemplateFile => Path.Combine(Root, TemplateFileName);

    /// <summary>The repository's <c>node_modules</c> folder.</summary>
    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>The folder of this library's sources (Java and Node launchers live there).</summary>
    public static string LocalAwsTool => Path.Combine(Root, "tools", "LocalAws");

    /// <summary>Default folder of local data that survives restarts (<c>&lt;repo&gt;/.local/data</c>, git-ignored).</summary>
    public static string DefaultDataDirectory => Path.Combine(Root, ".local", "data");

    /// <summary>Looks for the repository root from <paramref name="start"/> upwards; null when none is found.</summary>
    public static string? TryFindRoot(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, TemplateFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BITCOIN_EVENTS_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, TemplateFileName)))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return TryFindRoot(AppContext.BaseDirectory)
            ?? TryFindRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException(
                $"Could not find the repository root (a folder with {TemplateFileName}) above '{AppContext.BaseDirectory}' " +
                $"or '{Directory.GetCurrentDirectory()}'. Set BITCOIN_EVENTS_REPO_ROOT to override.");
    }
}
