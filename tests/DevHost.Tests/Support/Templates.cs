using BitcoinEvents.LocalAws;

namespace DevHost.Tests.Support;

/// <summary>Templates for tests: the real template.yaml (with its areas), a modified copy of it, or a small one written here.</summary>
internal static class Templates
{
    public const string EventsArea = "functions/Events/template.yaml";

    public static SamTemplate Real() => SamTemplate.LoadDefault();

    /// <summary>
    /// The real templates (root and areas, copied to a temporary folder) with each original text
    /// replaced in <paramref name="file"/> (relative to the repository; each must occur exactly once).
    /// </summary>
    public static SamTemplate RealWith(string file, params (string Original, string Replacement)[] replacements)
    {
        var folder = Directory.CreateTempSubdirectory("devhost-tests-");
        try
        {
            var files = new[] { "template.yaml" }
                .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions"), "template.yaml", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)));
            foreach (var relative in files)
            {
                var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, relative));
                if (string.Equals(relative, file, StringComparison.Ordinal))
                {
                    foreach (var (original, replacement) in replacements)
                    {
                        text = ReplaceOnce(text, original, replacement, file);
                    }
                }

                var target = Path.Combine(folder.FullName, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            return SamTemplate.Load(Path.Combine(folder.FullName, "template.yaml"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A template parsed from YAML text (written to a temporary file: SamTemplate loads files).</summary>
    public static SamTemplate FromText(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"devhost-tests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return SamTemplate.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string ReplaceOnce(string text, string original, string replacement, string file)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(original, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{original}' does not occur exactly once in {file}.", nameof(original));
        }

        return text.Remove(at, original.Length).Insert(at, replacement);
    }
}
