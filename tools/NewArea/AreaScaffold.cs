using System.Text.RegularExpressions;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.NewArea;

/// <summary>What <see cref="AreaScaffold.Create"/> wrote, relative to the repository.</summary>
public sealed record ScaffoldedArea(string Name, IReadOnlyList<string> Files);

/// <summary>
/// Writes a new area the way the platform's areas are laid out: functions/&lt;Area&gt;/ (project,
/// one HTTP operation, one queue consumer, one scheduled job, their contracts, the area's
/// nested-stack template and its Makefile) and tests/&lt;Area&gt;.Tests/, then adds the area's one
/// line to template.yaml and its test project's one line to BitcoinEvents.slnx.
/// </summary>
public static partial class AreaScaffold
{
    /// <summary>Where in template.yaml a new area's line goes: right before this section.</summary>
    public const string AreasEndMarker = "  # ---------------------------------------------------------------- Alarms";

    public static ScaffoldedArea Create(string repositoryRoot, string name)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        if (name is null || !AreaName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not an area name: use PascalCase letters and digits, such as Ticketing.", nameof(name));
        }

        var areaFolder = Path.Combine(repositoryRoot, "functions", name);
        var testsFolder = Path.Combine(repositoryRoot, "tests", name + ".Tests");
        if (Directory.Exists(areaFolder) || Directory.Exists(testsFolder))
        {
            throw new ArgumentException($"functions/{name} or tests/{name}.Tests already exists.", nameof(name));
        }

        var rootTemplate = Path.Combine(repositoryRoot, "template.yaml");
        var rootText = File.ReadAllText(rootTemplate);
        var marker = rootText.IndexOf(AreasEndMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new ArgumentException($"template.yaml has no line '{AreasEndMarker.Trim()}' to put the area before.", nameof(repositoryRoot));
        }

        var solution = Path.Combine(repositoryRoot, "BitcoinEvents.slnx");
        var solutionText = File.ReadAllText(solution);
        const string TestsFolder = "<Folder Name=\"/tests/\">";
        var testsAt = solutionText.IndexOf(TestsFolder, StringComparison.Ordinal);
        if (testsAt < 0)
        {
            throw new ArgumentException("BitcoinEvents.slnx has no /tests/ folder.", nameof(repositoryRoot));
        }

        var parameters = AreaParameters(SamTemplate.Load(rootTemplate));
        var files = AreaFiles.For(name, parameters);
        foreach (var (relative, text) in files)
        {
            var path = Path.Combine(repositoryRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        var line = $"  {name}Area: {{ Type: AWS::Serverless::Application, Properties: {{ Location: functions/{name}/template.yaml, Parameters: *AreaParameters }} }}\n";
        var insertAt = rootText.LastIndexOf('\n', marker - 2) + 1;
        File.WriteAllText(rootTemplate, rootText.Insert(insertAt, line));

        var projectLine = $"    <Project Path=\"tests/{name}.Tests/{name}.Tests.csproj\" />\n";
        var afterFolder = solutionText.IndexOf('\n', testsAt) + 1;
        File.WriteAllText(solution, solutionText.Insert(afterFolder, projectLine));

        return new ScaffoldedArea(name, [.. files.Keys.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The parameters the root passes to its areas, with their types, as an area declares them.</summary>
    private static IReadOnlyList<(string Name, string Type)> AreaParameters(SamTemplate template)
    {
        var first = template.Stacks.FirstOrDefault(s => s.Parent is not null)
            ?? throw new ArgumentException("template.yaml declares no area yet to take the shared parameters from.", nameof(template));
        return [.. first.Expanded["Parameters"]!.AsObject().Select(p => (p.Key, p.Value?["Type"]?.GetValue<string>() ?? "String"))];
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaName();
}
