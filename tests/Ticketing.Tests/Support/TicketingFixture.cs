using BitcoinEvents.TestSupport;
using Ticketing.Tests.Support;

[assembly: AssemblyFixture(typeof(TicketingFixture))]

namespace Ticketing.Tests.Support;

/// <summary>
/// Once per test run: the local servers, the template's resources and the signed-in test users
/// (<see cref="LocalPlatformFixture"/>), and the Ticketing app (its real Program) most tests share.
/// Tests that move the clock or need tables of their own start their own app.
/// </summary>
public sealed class TicketingFixture : LocalPlatformFixture
{
    private Lazy<PlatformApp<Program>> _app = null!;

    /// <summary>The shared app: real clock, the run's tables.</summary>
    public PlatformApp<Program> App => _app.Value;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new Lazy<PlatformApp<Program>>(() => new PlatformApp<Program>(Configuration));
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
