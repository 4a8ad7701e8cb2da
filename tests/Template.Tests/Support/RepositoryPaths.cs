namespace Template.Tests.Support;

/// <summary>Where the repository and the shared SAM schema are, found from the test's own folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding template.yaml (the repository root).</summary>
    public static string Root => s_root.Value;

    public static string Template => Path.Combine(Root, "template.yaml");

    public static string Makefile => Path.Combine(Root, "Makefile");

    /// <summary>The SAM JSON schema lives beside the repository (../shared/schemas), never inside it.</summary>
    public static string SamSchema => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas", "sam.schema.json"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "template.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No template.yaml in {AppContext.BaseDirectory} or any folder above it.");
    }
}
