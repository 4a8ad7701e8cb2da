using BitcoinEvents.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Ticketing.Tests.SalesSupport;

/// <summary>
/// The Ticketing area's real app (its Program) on a fake clock. What the platform does around it
/// (the expiry schedule run on demand, queue messages delivered to its consumers as SQS events)
/// are Support/SellingApp's extensions.
/// </summary>
internal sealed class SalesApp(IReadOnlyDictionary<string, string> settings, FakeTimeProvider clock) : PlatformApp<Program>(settings, clock)
{
    public FakeTimeProvider Clock => clock;

    public SalesApi Api(TestUser user) => new(ClientFor(user));
}
