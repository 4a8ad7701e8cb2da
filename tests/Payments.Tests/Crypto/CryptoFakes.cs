using BitcoinEvents.Domain.Payments;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.FakeProviders.Webhooks;
using BitcoinEvents.Payments;
using BitcoinEvents.Payments.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Crypto;

/// <summary>
/// The fake crypto providers on 127.0.0.1 (their webhooks kept, not sent: a test signs and hands them
/// to the provider itself) and the Payments area's providers configured against them, as DevHost
/// configures them.
/// </summary>
public sealed class CryptoFakes : IAsyncLifetime
{
    private ServiceProvider? _services;

    public FakeProviderServer Server { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Settings { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await FakeProviderServer.StartAsync(new FakeProviderOptions { Port = 0 }, TestContext.Current.CancellationToken);
        Settings = Server.PlatformSettings();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build())
            .AddPaymentsArea()
            .BuildServiceProvider();
    }

    public IPaymentProvider Provider(string id) => _services!.GetRequiredService<PaymentProviderRegistry>().Get(id);

    public IFakeProvider Fake(string id) => Server.Fakes.Single(f => f.Id == id);

    /// <summary>Does <paramref name="action"/> at the fake and returns the webhooks it caused, signed now, as deliveries.</summary>
    public IReadOnlyList<WebhookDelivery> Act(string provider, string reference, string action, long? amount = null)
    {
        var result = Fake(provider).Act(reference, new FakeAction(action, amount));
        var done = Assert.IsType<FakeActionResult.Done>(result);
        return [.. done.Webhooks.Select(Deliver)];
    }

    /// <summary>A webhook signed (again) now, as the fake would send it.</summary>
    public static WebhookDelivery Deliver(FakeWebhookEvent webhook)
    {
        var signed = webhook.Sign(DateTimeOffset.UtcNow);
        return new WebhookDelivery(signed.Body, signed.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase), DateTimeOffset.UtcNow);
    }

    /// <summary>A new payment of <paramref name="settles"/> due by <paramref name="deadline"/>, as the area records it before starting it.</summary>
    public static Payment NewPayment(string provider, MoneyAmount settles, DateTimeOffset deadline)
    {
        var orderId = PaymentIds.Derive("order", Guid.NewGuid().ToString());
        return Payment.Create(PaymentIds.ForOrder(orderId, provider), orderId, PaymentIds.Derive("event"), "buyer-1", provider, settles, null, deadline, DateTimeOffset.UtcNow);
    }

    /// <summary>The payment as the area records it once the provider started it.</summary>
    public static Payment Started(Payment payment, StartedPayment started)
    {
        var recorded = Payment.Create(payment.Id, payment.OrderId, payment.EventId, payment.BuyerId, payment.Provider, payment.Settles, started.Quote, payment.Deadline, payment.CreatedAt);
        return recorded with { ProviderReference = started.ProviderReference };
    }

    /// <summary>Verifies, translates and applies each delivery to <paramref name="payment"/>, as the webhook route and worker do.</summary>
    public async Task<(Payment Payment, List<PaymentEffect> Effects)> ApplyAsync(string provider, Payment payment, IEnumerable<WebhookDelivery> deliveries)
    {
        var effects = new List<PaymentEffect>();
        foreach (var delivery in deliveries)
        {
            var verified = Assert.IsType<WebhookVerification.Verified>(Provider(provider).Verify(delivery));
            var translation = await Provider(provider).TranslateAsync(new VerifiedWebhook(verified.EventId, verified.EventType, delivery.Body, delivery.ReceivedAt), TestContext.Current.CancellationToken);
            if (translation is WebhookTranslation.About about)
            {
                Assert.True(about.Locator.PaymentId == payment.Id || about.Locator.ProviderReference == payment.ProviderReference, "the webhook leads back to the payment");
                foreach (var observation in about.Observations)
                {
                    var change = payment.Apply(observation, DateTimeOffset.UtcNow);
                    payment = change.Payment;
                    effects.AddRange(change.Effects);
                }
            }
        }

        return (payment, effects);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
