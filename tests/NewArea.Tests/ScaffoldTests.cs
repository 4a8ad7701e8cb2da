using System.Diagnostics;
using BitcoinEvents.LocalAws;
using BitcoinEvents.NewArea;

namespace NewArea.Tests;

/// <summary>
/// docs/adding-an-area.md, checked by doing it: in a copy of the repository, scaffold an area with
/// one HTTP operation, one queue consumer and one schedule; it touches two lines outside its own
/// folders, builds, passes DevHost's route check and every template rule, and its tests pass. The
/// copy is removed afterwards.
/// </summary>
public sealed class ScaffoldTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task ANewArea_BuildsPassesTheRouteCheckAndItsTests_TouchingTwoLinesOutsideItsFolders()
    {
        var work = Directory.CreateTempSubdirectory("newarea-tests-");
        try
        {
            var repo = Path.Combine(work.FullName, "repo");
            await CopyRepositoryAsync(RepositoryPaths.Root, repo);
            // The SAM schema lives beside the repository (../shared): the copy's neighbour points at it.
            Directory.CreateSymbolicLink(Path.Combine(work.FullName, "shared"), Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared")));
            var templateBefore = await File.ReadAllLinesAsync(Path.Combine(repo, "template.yaml"), Ct);
            var solutionBefore = await File.ReadAllLinesAsync(Path.Combine(repo, "BitcoinEvents.slnx"), Ct);

            var created = AreaScaffold.Create(repo, "Scratch");

            Assert.All(created.Files, f => Assert.True(
                f.StartsWith("functions/Scratch/", StringComparison.Ordinal) || f.StartsWith("tests/Scratch.Tests/", StringComparison.Ordinal), f));
            Assert.Single(AddedLines(templateBefore, await File.ReadAllLinesAsync(Path.Combine(repo, "template.yaml"), Ct)));
            Assert.Single(AddedLines(solutionBefore, await File.ReadAllLinesAsync(Path.Combine(repo, "BitcoinEvents.slnx"), Ct)));
            Assert.Contains("Scratch", SamTemplate.Load(Path.Combine(repo, "template.yaml")).Areas);

            // Every template rule over the new area's stack (builds DevHost and every area on the way).
            await RunAsync(repo, "dotnet", "test", "tests/Template.Tests", "--nologo");
            var devHost = Path.Combine(repo, "tools", "DevHost", "bin", "Debug", "net10.0", "BitcoinEvents.DevHost.dll");
            var check = await RunAsync(repo, "dotnet", devHost, "--check");
            // The new area comes last, after every area the repository already has (Events, Outbox, ...).
            Assert.Matches(@"agree with areas Events(, \w+)*, Scratch:", check);
            await RunAsync(repo, "dotnet", "test", "tests/Scratch.Tests", "--nologo");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("scratch")]
    [InlineData("Scr-atch")]
    [InlineData("Events")]
    [InlineData("")]
    public void Create_RefusesANameThatIsNotANewPascalCaseArea(string name)
    {
        var work = Directory.CreateTempSubdirectory("newarea-tests-");
        try
        {
            Directory.CreateDirectory(Path.Combine(work.FullName, "functions", "Events"));

            Assert.Throws<ArgumentException>(() => AreaScaffold.Create(work.FullName, name));
            Assert.Single(Directory.GetDirectories(Path.Combine(work.FullName, "functions")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> AddedLines(string[] before, string[] after)
    {
        Assert.Equal(before.Length + 1, after.Length);
        return after.Except(before, StringComparer.Ordinal);
    }

    /// <summary>The repository's files (tracked, and untracked but not ignored): no bin/, obj/, node_modules/.</summary>
    private static async Task CopyRepositoryAsync(string from, string to)
    {
        var files = await RunAsync(from, "git", "ls-files", "--cached", "--others", "--exclude-standard", "-z");
        foreach (var relative in files.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(from, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static async Task<string> RunAsync(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited {process.ExitCode}:{Environment.NewLine}{text}{await error}");
        return text;
    }
}
