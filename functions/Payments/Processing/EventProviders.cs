using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// Which providers an event offers: those the organizer chose, among the platform's (the
/// <c>PAYMENT_PROVIDERS</c> setting, a comma-separated list of provider ids; absent: every registered
/// provider). An organizer who chose nothing offers all of the platform's.
/// </summary>
internal sealed class EventProviders(PaymentStore store, PaymentProviderRegistry registry, IConfiguration configuration)
{
    public const string PlatformSetting = "PAYMENT_PROVIDERS";

    private readonly IReadOnlyList<string> _platform = configuration[PlatformSetting] is { Length: > 0 } list
        ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => registry.Find(id) is not null).Distinct(StringComparer.Ordinal)]
        : [.. registry.All.Select(p => p.Id)];

    /// <summary>The platform's providers, in order.</summary>
    public IReadOnlyList<string> Platform => _platform;

    /// <summary>What the event offers, and whether the organizer chose it.</summary>
    public async Task<(IReadOnlyList<string> Providers, bool Chosen)> OfferedAsync(string eventId, CancellationToken ct)
    {
        var chosen = await store.GetEventProvidersAsync(eventId, ct);
        return chosen is null ? (_platform, false) : ([.. chosen.Where(_platform.Contains)], true);
    }
}
