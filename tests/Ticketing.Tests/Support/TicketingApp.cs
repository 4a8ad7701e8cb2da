using BitcoinEvents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.Tests.Support;

/// <summary>The Ticketing area's real app (its Program) in a test server; see <see cref="PlatformApp{TEntryPoint}"/>.</summary>
public sealed class TicketingApp(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    : PlatformApp<Program>(settings, clock, services)
{
    public TicketingApi Api(TestUser? user) => new(ClientFor(user));
}
