using BitcoinEvents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Support;

/// <summary>The Events area's real app (its Program) in a test server; see <see cref="PlatformApp{TEntryPoint}"/>.</summary>
public sealed class EventsApp(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    : PlatformApp<Program>(settings, clock, services)
{
    public EventsApi Api(TestUser? user) => new(ClientFor(user));
}
