namespace BitcoinEvents.LocalAws;

/// <summary>
/// The usual start of an integration test or the dev host in one call: the local servers, and the
/// template's resources provisioned on them. Dispose to stop the servers.
/// </summary>
/// <example>
/// <code>
/// await using var local = await LocalAwsEnvironment.StartAsync();                      // tests: in memory, free ports, unique prefix
/// var settings = local.Resources.ConfigurationFor(local.Template.Function("CreateEventFunction"));
/// </code>
/// </example>
public sealed class LocalAwsEnvironment : IAsyncDisposable
{
    private LocalAwsEnvironment(LocalAwsServers servers, SamTemplate template, LocalResources resources)
    {
        Servers = servers;
        Template = template;
        Resources = resources;
    }

    /// <summary>The running servers.</summary>
    public LocalAwsServers Servers { get; }

    /// <summary>The template provisioned.</summary>
    public SamTemplate Template { get; }

    /// <summary>The provisioned resources (names, URLs, ids) and configuration of each function.</summary>
    public LocalResources Resources { get; }

    /// <summary>
    /// Starts the servers (default: <see cref="LocalAwsOptions.ForTests"/>) and provisions the template
    /// (default: the repository's template.yaml, with <see cref="ProvisionOptions.ForTestRun"/>'s unique prefix).
    /// </summary>
    public static async Task<LocalAwsEnvironment> StartAsync(LocalAwsOptions? options = null, ProvisionOptions? provision = null, SamTemplate? template = null, CancellationToken cancellationToken = default)
    {
        template ??= SamTemplate.LoadDefault();
        var servers = await LocalAwsServers.StartAsync(options ?? LocalAwsOptions.ForTests(), cancellationToken);
        try
        {
            var resources = await LocalProvisioner.ProvisionAsync(servers, template, provision ?? ProvisionOptions.ForTestRun(), cancellationToken);
            return new LocalAwsEnvironment(servers, template, resources);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the servers.</summary>
    public ValueTask DisposeAsync() => Servers.DisposeAsync();
}
