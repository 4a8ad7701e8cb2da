using BitcoinEvents.Events;
using BitcoinEvents.Lambda;

namespace BitcoinEvents.DevHost;

/// <summary>Every area the platform has. A new area is one more entry here (and its routes in template.yaml).</summary>
internal static class Areas
{
    public static readonly IReadOnlyList<AreaDefinition> All = [EventsArea.Definition];
}
