using BitcoinEvents.LocalAws;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>
/// Every function is built by its area's Makefile (BuildMethod makefile) into one executable
/// bootstrap: what sam build runs for each function of functions/&lt;Area&gt;/template.yaml.
/// </summary>
public sealed class BuildTests
{
    [Fact]
    public void EveryFunction_IsBuiltWithItsAreasMakefileForProvidedAl2023()
    {
        var problems = TemplateRules.BuildMetadata(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void BuildMetadata_WhenBuildMethodOrRuntimeIsWrong_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!.AsObject().Remove("Metadata");
        template.Resources["ListEventsFunction"]!["Properties"]!.AsObject()["Runtime"] = "dotnet8";
        template.Resources["CancelEventFunction"]!["Properties"]!.AsObject()["CodeUri"] = "../";

        var problems = TemplateRules.BuildMetadata(template);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal) && p.Contains("BuildMethod", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ListEventsFunction:", StringComparison.Ordinal) && p.Contains("provided.al2023", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CancelEventFunction:", StringComparison.Ordinal) && p.Contains("Makefile", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryArea_HasAMakefileThatIncludesTheSharedAreaBuild()
    {
        var template = SamTemplate.LoadDefault();

        Assert.NotEmpty(template.Areas);
        foreach (var area in template.Areas)
        {
            var makefile = Path.Combine(RepositoryPaths.Root, "functions", area, "Makefile");
            Assert.True(File.Exists(makefile), $"functions/{area}/Makefile is missing.");
            Assert.Contains("area.mk", File.ReadAllText(makefile), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// What sam build runs, against a stand-in area binary (OUT points at a folder whose bootstrap
    /// is newer than every source, so nothing is published): each target leaves exactly one
    /// executable file named bootstrap in ARTIFACTS_DIR; a name that is no function of the area is refused.
    /// </summary>
    [Fact]
    public async Task BuildTargets_CopyOnlyAnExecutableBootstrap_AndRefuseUnknownFunctions()
    {
        var work = Directory.CreateTempSubdirectory("template-tests-make-");
        try
        {
            var template = SamTemplate.LoadDefault();
            foreach (var function in template.Functions.Where(f => f.Area is not null).Take(3))
            {
                var areaBinary = Path.Combine(work.FullName, "out", function.Area!, "bootstrap");
                Directory.CreateDirectory(Path.GetDirectoryName(areaBinary)!);
                await File.WriteAllTextAsync(areaBinary, "#!/bin/sh\n", TestContext.Current.CancellationToken);
                File.SetLastWriteTimeUtc(areaBinary, DateTime.UtcNow.AddYears(5));
                File.WriteAllText(areaBinary + ".dbg", "symbols");
                var makefile = Path.Combine(RepositoryPaths.Root, "functions", function.Area!, "Makefile");

                var artifacts = Path.Combine(work.FullName, "artifacts", function.LogicalId);
                var (exitCode, output, error) = await MakeTool.RunAsync(
                    Path.GetDirectoryName(makefile)!,
                    ["-f", makefile, "build-" + function.LogicalId, "ARTIFACTS_DIR=" + artifacts, "OUT=" + Path.Combine(work.FullName, "out")],
                    TestContext.Current.CancellationToken);

                Assert.True(exitCode == 0, output + error);
                Assert.DoesNotContain("dotnet publish", output, StringComparison.Ordinal);
                var file = Assert.Single(Directory.GetFileSystemEntries(artifacts));
                Assert.Equal("bootstrap", Path.GetFileName(file));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.True(File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute), $"{file} is not executable.");
                }

                var refused = await MakeTool.RunAsync(
                    RepositoryPaths.Root,
                    ["-f", makefile, "build-RefundTicketFunction", "ARTIFACTS_DIR=" + artifacts + "-x", "OUT=" + Path.Combine(work.FullName, "out")],
                    TestContext.Current.CancellationToken);
                Assert.NotEqual(0, refused.ExitCode);
                Assert.Contains("RefundTicketFunction is not a function of", refused.Error, StringComparison.Ordinal);
                Assert.False(Directory.Exists(artifacts + "-x"));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
