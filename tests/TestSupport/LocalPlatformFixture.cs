using BitcoinEvents.LocalAws;

namespace BitcoinEvents.TestSupport;

/// <summary>A signed-in user of the local user pool, with real cognito-local tokens.</summary>
public sealed record TestUser(string Email, string Sub, string AccessToken, string IdToken);

/// <summary>
/// Once per test assembly (<c>[assembly: AssemblyFixture(...)]</c> on an area's fixture deriving
/// from this): DynamoDB Local, fauxqs (SQS, S3) and cognito-local, everything template.yaml declares
/// provisioned under a unique prefix, and five users with real tokens (an organizer, another
/// organizer, an attendee, a member of the staff group, an admin).
/// </summary>
public class LocalPlatformFixture : IAsyncLifetime
{
    public const string Password = "Local-Passw0rd-2030";

    private LocalAwsEnvironment? _local;

    public LocalAwsServers Servers => _local!.Servers;

    public SamTemplate Template => _local!.Template;

    public LocalResources Resources => _local!.Resources;

    public TestUser Organizer { get; private set; } = null!;

    public TestUser OtherOrganizer { get; private set; } = null!;

    public TestUser Attendee { get; private set; } = null!;

    public TestUser Admin { get; private set; } = null!;

    /// <summary>A member of the staff group (checks attendees in where an organizer assigns them).</summary>
    public TestUser Staff { get; private set; } = null!;

    /// <summary>The settings every function gets (tables, queues, bucket, endpoints, issuer, audience).</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; private set; } = null!;

    /// <summary>Which local servers the fixture starts.</summary>
    protected virtual LocalServer ServersToStart => LocalServer.DynamoDb | LocalServer.Fauxqs | LocalServer.Cognito;

    public virtual async ValueTask InitializeAsync()
    {
        _local = await LocalAwsEnvironment.StartAsync(LocalAwsOptions.ForTests(ServersToStart));
        Configuration = Resources.AllConfiguration();

        using var cognito = Servers.CreateCognito();
        var users = await Task.WhenAll(
            SignUpAsync(cognito, "organizer@example.test", "organizer"),
            SignUpAsync(cognito, "other-organizer@example.test", "organizer"),
            SignUpAsync(cognito, "attendee@example.test", "attendee"),
            SignUpAsync(cognito, "admin@example.test", "admin"),
            SignUpAsync(cognito, "staff@example.test", "staff"));
        (Organizer, OtherOrganizer, Attendee, Admin, Staff) = (users[0], users[1], users[2], users[3], users[4]);
    }

    /// <summary>
    /// The same settings with every table fresh (a prefix of its own), for tests that must see only
    /// their own items; same servers, bucket, queues and user pool.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> IsolatedConfigurationAsync()
    {
        var isolated = await LocalProvisioner.ProvisionAsync(
            Servers,
            Template,
            ProvisionOptions.ForTestRun() with { UserPool = false, Queues = false, Buckets = false },
            TestContext.Current.CancellationToken);
        var logicalIdByTable = Resources.TableNames.ToDictionary(t => t.Value, t => t.Key, StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(Configuration, StringComparer.Ordinal);
        foreach (var (name, value) in Configuration)
        {
            if (logicalIdByTable.TryGetValue(value, out var logicalId))
            {
                settings[name] = isolated.TableName(logicalId);
            }
        }

        return settings;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<TestUser> SignUpAsync(LocalCognito cognito, string email, string group)
    {
        var sub = await cognito.EnsureUserAsync(Resources.UserPoolId!, email, Password, group);
        var tokens = await cognito.SignInAsync(Resources.UserPoolClientId!, email, Password);
        return new TestUser(email, sub, tokens.AccessToken, tokens.IdToken);
    }
}
