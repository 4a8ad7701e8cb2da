using BitcoinEvents.LocalAws;

namespace DevHost.Tests.Support;

/// <summary>DynamoDB Local and fauxqs, with template.yaml provisioned under a unique prefix.</summary>
public sealed class LocalPlatformFixture : IAsyncLifetime
{
    private LocalAwsEnvironment? _local;

    public LocalAwsEnvironment Local => _local ?? throw new InvalidOperationException("The local servers are not started.");

    public async ValueTask InitializeAsync() =>
        _local = await LocalAwsEnvironment.StartAsync(LocalAwsOptions.ForTests(LocalServer.DynamoDb | LocalServer.Fauxqs), cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
