using BitcoinEvents.TestSupport;
using Events.Tests.Support;

[assembly: AssemblyFixture(typeof(LocalAwsFixture))]

namespace Events.Tests.Support;

/// <summary>
/// Once per test run: the local servers, the template's resources and the signed-in test users
/// (<see cref="LocalPlatformFixture"/>), and the Events app most tests share.
/// </summary>
public sealed class LocalAwsFixture : LocalPlatformFixture
{
    private Lazy<EventsApp> _app = null!;

    /// <summary>
    /// The app most tests share: real clock, the run's tables. Tests that move the clock, replace a
    /// service or need listings of their own start their own <see cref="EventsApp"/>.
    /// </summary>
    public EventsApp App => _app.Value;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new Lazy<EventsApp>(() => new EventsApp(Configuration));
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is { IsValueCreated: true })
        {
            await _app.Value.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
