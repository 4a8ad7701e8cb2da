using BitcoinEvents.LocalAws;

namespace Template.Tests.Support;

/// <summary>The repository's templates copied to a temporary folder, one area's text changed, and loaded.</summary>
internal static class Templates
{
    public static SamTemplate WithAreaTemplateText(string area, Func<string, string> change)
    {
        var folder = Directory.CreateTempSubdirectory("template-tests-");
        try
        {
            File.Copy(RepositoryPaths.TemplateFile, Path.Combine(folder.FullName, "template.yaml"));
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions"), "template.yaml", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
                var target = Path.Combine(folder.FullName, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var text = File.ReadAllText(file);
                var changed = relative == Path.Combine("functions", area, "template.yaml") ? change(text) : text;
                if (changed == text && relative == Path.Combine("functions", area, "template.yaml"))
                {
                    throw new ArgumentException("The change left the template as it was.", nameof(change));
                }

                File.WriteAllText(target, changed);
            }

            return SamTemplate.Load(Path.Combine(folder.FullName, "template.yaml"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
