using BitcoinEvents.LocalAws;
using Events.Tests.Support;

[assembly: AssemblyFixture(typeof(LocalAwsFixture))]

namespace Events.Tests.Support;

/// <summary>A signed-in demo user of the local user pool.</summary>
public sealed record TestUser(string Email, string Sub, string AccessToken, string IdToken);

/// <summary>
/// Once per test run: DynamoDB Local, fauxqs (S3) and cognito-local, the template's resources under
/// a unique prefix, and four demo users with real tokens (an organizer, another organizer, an
/// attendee, an admin).
/// </summary>
public sealed class LocalAwsFixture : IAsyncLifetime
{
    private const string Password = "Local-Passw0rd-2030";

    private LocalAwsEnvironment? _local;

    public LocalAwsServers Servers => _local!.Servers;

    public SamTemplate Template => _local!.Template;

    public LocalResources Resources => _local!.Resources;

    public TestUser Organizer { get; private set; } = null!;

    public TestUser OtherOrganizer { get; private set; } = null!;

    public TestUser Attendee { get; private set; } = null!;

    public TestUser Admin { get; private set; } = null!;

    /// <summary>The settings every Events function gets (tables, bucket, endpoints, issuer, audience).</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; private set; } = null!;

    /// <summary>
    /// The app most tests share: real clock, the run's tables. Tests that move the clock, replace a
    /// service or need listings of their own start their own <see cref="EventsApp"/>.
    /// </summary>
    public EventsApp App => _app.Value;

    private Lazy<EventsApp> _app = null!;

    public async ValueTask InitializeAsync()
    {
        _local = await LocalAwsEnvironment.StartAsync(LocalAwsOptions.ForTests(LocalServer.DynamoDb | LocalServer.Fauxqs | LocalServer.Cognito));
        Configuration = Resources.AllConfiguration();
        _app = new Lazy<EventsApp>(() => new EventsApp(Configuration));

        using var cognito = Servers.CreateCognito();
        var users = await Task.WhenAll(
            SignUpAsync(cognito, "organizer@example.test", "organizer"),
            SignUpAsync(cognito, "other-organizer@example.test", "organizer"),
            SignUpAsync(cognito, "attendee@example.test", "attendee"),
            SignUpAsync(cognito, "admin@example.test", "admin"));
        (Organizer, OtherOrganizer, Attendee, Admin) = (users[0], users[1], users[2], users[3]);
    }

    /// <summary>
    /// Fresh EventsTable and IdempotencyTable (own prefix) for tests whose listings must see only
    /// their own events; same servers, bucket and user pool.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> IsolatedConfigurationAsync()
    {
        var isolated = await LocalProvisioner.ProvisionAsync(
            Servers,
            Template,
            ProvisionOptions.ForTestRun() with { UserPool = false, Queues = false, Buckets = false },
            TestContext.Current.CancellationToken);
        return new Dictionary<string, string>(Configuration, StringComparer.Ordinal)
        {
            ["EVENTS_TABLE"] = isolated.TableName("EventsTable"),
            ["IDEMPOTENCY_TABLE"] = isolated.TableName("IdempotencyTable"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { IsValueCreated: true })
        {
            await _app.Value.DisposeAsync();
        }

        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    private async Task<TestUser> SignUpAsync(LocalCognito cognito, string email, string group)
    {
        var poolId = Resources.UserPoolId!;
        var sub = await cognito.EnsureUserAsync(poolId, email, Password, group);
        var tokens = await cognito.SignInAsync(Resources.UserPoolClientId!, email, Password);
        return new TestUser(email, sub, tokens.AccessToken, tokens.IdToken);
    }
}
