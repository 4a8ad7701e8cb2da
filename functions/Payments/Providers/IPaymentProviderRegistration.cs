using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers;

/// <summary>
/// How a provider joins the area: its id, the name of its webhook operation, and its services. One
/// instance per provider, listed once in <see cref="PaymentProviderRegistrations.All"/>.
/// </summary>
public interface IPaymentProviderRegistration
{
    /// <summary>The provider's id (<see cref="IPaymentProvider.Id"/>); its webhook route is <c>POST /webhooks/{Id}</c>.</summary>
    string Id { get; }

    /// <summary>
    /// The webhook operation's name, <c>Receive&lt;Provider&gt;Webhook</c>: the endpoint's name, the
    /// function's Handler and logical id (<c>Receive&lt;Provider&gt;WebhookFunction</c>) and its route key
    /// in functions/Payments/template.yaml.
    /// </summary>
    string WebhookOperation { get; }

    /// <summary>Registers the provider as an <see cref="IPaymentProvider"/> singleton, with whatever it needs (its settings, its HTTP client).</summary>
    void AddServices(IServiceCollection services);
}
