using BitcoinEvents.LocalAws;

namespace BitcoinEvents.LocalAws.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public void Node_packages_are_installed_and_the_repository_is_found()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "template.yaml")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "package-lock.json")));
        Assert.True(NodePackages.IsInstalled());
    }

    [Fact]
    public async Task Concurrent_install_checks_do_nothing_when_installed()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NodePackages.EnsureInstalledAsync(cancellationToken: TestContext.Current.CancellationToken)));
        Assert.All(results, Assert.False);
    }

    [Fact]
    public async Task Dispose_leaves_no_child_process_and_each_server_exits_by_its_lifeline()
    {
        var servers = await LocalAwsServers.StartAsync(LocalAwsOptions.ForTests() with { KeepTemporaryFiles = true }, TestContext.Current.CancellationToken);
        var pids = servers.ProcessIds;
        var logDirectory = servers.LogDirectory;
        try
        {
            Assert.Equal(5, pids.Count);
            Assert.All(pids, pid => Assert.True(Directory.Exists($"/proc/{pid}"), $"server pid {pid} is not running"));
            Assert.All(pids, pid => Assert.Equal(Environment.ProcessId, ParentOf(pid)));
        }
        finally
        {
            await servers.DisposeAsync();
        }

        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"server pid {pid} is still there after DisposeAsync"));
        Assert.Empty(servers.ProcessIds);

        // Closing standard input (what happens when this process dies, even by SIGKILL) is enough:
        // each server exited with code 0 by itself before any kill.
        foreach (var name in new[] { "dynamodb", "fauxqs", "ses", "cognito", "sns-mobile" })
        {
            var log = await File.ReadAllTextAsync(Path.Combine(logDirectory, name + ".log"), TestContext.Current.CancellationToken);
            Assert.Contains(" exited with code 0", log, StringComparison.Ordinal);
        }

        Directory.Delete(Path.GetDirectoryName(logDirectory)!, recursive: true);
    }

    private static int ParentOf(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
