using System.Collections.Frozen;

namespace BitcoinEvents.Payments.Providers;

/// <summary>The providers of this process, by id (every registered one, configured here or not).</summary>
public sealed class PaymentProviderRegistry
{
    private readonly FrozenDictionary<string, IPaymentProvider> _providers;

    public PaymentProviderRegistry(IEnumerable<IPaymentProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var byId = new Dictionary<string, IPaymentProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!byId.TryAdd(provider.Id, provider))
            {
                throw new InvalidOperationException($"Two payment providers have the id '{provider.Id}'.");
            }
        }

        _providers = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every registered provider, by id.</summary>
    public IEnumerable<IPaymentProvider> All => _providers.Values.OrderBy(p => p.Id, StringComparer.Ordinal);

    /// <summary>The provider with this id, or null (ids are lower case; anything else is no provider).</summary>
    public IPaymentProvider? Find(string? id) => id is not null && _providers.TryGetValue(id, out var provider) ? provider : null;

    /// <summary>The provider with this id; throws when there is none (for records that name it).</summary>
    public IPaymentProvider Get(string id) =>
        Find(id) ?? throw new InvalidOperationException($"No payment provider '{id}' is registered (PaymentProviderRegistrations).");
}
