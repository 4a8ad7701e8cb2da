using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>Every function is built by the Makefile (BuildMethod makefile) into one executable bootstrap.</summary>
public sealed class BuildTests
{
    [Fact]
    public void EveryFunction_IsBuiltWithTheMakefileForProvidedAl2023()
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

        var problems = TemplateRules.BuildMetadata(template);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal) && p.Contains("BuildMethod", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ListEventsFunction:", StringComparison.Ordinal) && p.Contains("provided.al2023", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryFunction_HasABuildTargetInTheMakefile()
    {
        var targets = await MakeTool.TargetsAsync(RepositoryPaths.Makefile, TestContext.Current.CancellationToken);

        var problems = TemplateRules.MissingMakeTargets(TemplateDocument.Load(), targets);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task MissingMakeTargets_WhenAFunctionIsAdded_IsReported()
    {
        var targets = await MakeTool.TargetsAsync(RepositoryPaths.Makefile, TestContext.Current.CancellationToken);
        var template = TemplateDocument.Load().Clone();
        template.Resources["RefundTicketFunction"] = template.Resources["GetEventFunction"]!.DeepClone();

        Assert.Contains(TemplateRules.MissingMakeTargets(template, targets), p => p.Contains("build-RefundTicketFunction", StringComparison.Ordinal));
    }

    /// <summary>
    /// What sam build runs, against a stand-in area binary (OUT points at a folder whose bootstrap
    /// is newer than every source, so nothing is published): each target leaves exactly one
    /// executable file named bootstrap in ARTIFACTS_DIR.
    /// </summary>
    [Fact]
    public async Task BuildTargets_CopyOnlyAnExecutableBootstrap()
    {
        var work = Directory.CreateTempSubdirectory("template-tests-make-");
        try
        {
            var areaBinary = Path.Combine(work.FullName, "out", "Events", "bootstrap");
            Directory.CreateDirectory(Path.GetDirectoryName(areaBinary)!);
            await File.WriteAllTextAsync(areaBinary, "#!/bin/sh\n", TestContext.Current.CancellationToken);
            File.SetLastWriteTimeUtc(areaBinary, DateTime.UtcNow.AddYears(5));
            File.WriteAllText(areaBinary + ".dbg", "symbols");

            foreach (var function in TemplateDocument.Load().Functions.Take(3))
            {
                var artifacts = Path.Combine(work.FullName, "artifacts", function.LogicalId);
                var (exitCode, output, error) = await MakeTool.RunAsync(
                    RepositoryPaths.Root,
                    ["-f", RepositoryPaths.Makefile, "build-" + function.LogicalId, "ARTIFACTS_DIR=" + artifacts, "OUT=" + Path.Combine(work.FullName, "out")],
                    TestContext.Current.CancellationToken);

                Assert.True(exitCode == 0, output + error);
                Assert.DoesNotContain("dotnet publish", output, StringComparison.Ordinal);
                var file = Assert.Single(Directory.GetFileSystemEntries(artifacts));
                Assert.Equal("bootstrap", Path.GetFileName(file));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.True(File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute), $"{file} is not executable.");
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
