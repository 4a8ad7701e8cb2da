using BitcoinEvents.LocalAws;

namespace DevHost.Tests.Support;

/// <summary>Templates for tests: the real template.yaml, a modified copy of it, or a small one written here.</summary>
internal static class Templates
{
    public static string RealText => File.ReadAllText(RepositoryPaths.TemplateFile);

    public static SamTemplate Real() => SamTemplate.LoadDefault();

    /// <summary>The real template with <paramref name="original"/> replaced (it must occur exactly once).</summary>
    public static SamTemplate RealWith(string original, string replacement)
    {
        var text = RealText;
        var at = text.IndexOf(original, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(original, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{original}' does not occur exactly once in template.yaml.", nameof(original));
        }

        return FromText(text.Remove(at, original.Length).Insert(at, replacement));
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
}
