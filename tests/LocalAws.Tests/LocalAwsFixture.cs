using System.Diagnostics;
using BitcoinEvents.LocalAws;
using BitcoinEvents.LocalAws.Tests;

[assembly: AssemblyFixture(typeof(LocalAwsFixture))]

namespace BitcoinEvents.LocalAws.Tests;

/// <summary>Starts every local server once for the whole assembly and provisions both templates.</summary>
public sealed class LocalAwsFixture : IAsyncLifetime
{
    public LocalAwsServers Servers { get; private set; } = null!;

    public SamTemplate Template { get; private set; } = null!;

    public LocalResources Resources { get; private set; } = null!;

    public SamTemplate SampleTemplate { get; private set; } = null!;

    public LocalResources SampleResources { get; private set; } = null!;

    public TimeSpan StartTime { get; private set; }

    public static string SampleTemplatePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-template.yaml");

    public async ValueTask InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        Servers = await LocalAwsServers.StartAsync(LocalAwsOptions.ForTests());
        StartTime = stopwatch.Elapsed;
        Template = SamTemplate.LoadDefault();
        SampleTemplate = SamTemplate.Load(SampleTemplatePath);
        var provisioned = await Task.WhenAll(
            LocalProvisioner.ProvisionAsync(Servers, Template, ProvisionOptions.ForTestRun()),
            LocalProvisioner.ProvisionAsync(Servers, SampleTemplate, ProvisionOptions.ForTestRun()));
        Resources = provisioned[0];
        SampleResources = provisioned[1];
        var times = string.Join(", ", Servers.StartTimes.Select(t => $"{t.Key} {t.Value.TotalMilliseconds:F0} ms"));
        Console.Error.WriteLine($"[LocalAws.Tests] servers started in {StartTime.TotalMilliseconds:F0} ms ({times}); provisioned in {Resources.ProvisionTime.TotalMilliseconds:F0} / {SampleResources.ProvisionTime.TotalMilliseconds:F0} ms");
    }

    public async ValueTask DisposeAsync()
    {
        if (Servers is not null)
        {
            await Servers.DisposeAsync();
        }
    }
}
