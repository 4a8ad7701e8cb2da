using BitcoinEvents.FakeProviders;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Providers.Razorpay;
using BitcoinEvents.Payments.Providers.Stripe;
using Microsoft.Extensions.Configuration;

namespace Payments.Tests.Support;

/// <summary>The providers built as the area builds them, with the dev secrets, for tests that need no servers.</summary>
public static class Providers
{
    public static readonly DevSecrets Secrets = DevSecrets.Load(Path.Combine(AppContext.BaseDirectory, DevSecrets.FileName));

    internal static ProviderSettings Settings(IDictionary<string, string?>? extra = null)
    {
        var values = Secrets.All.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ProviderSettings(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    internal static StripeProvider Stripe(IDictionary<string, string?>? extra = null)
    {
        var settings = Settings(extra);
        return new StripeProvider(new StripeApi(new HttpClient(), settings), settings);
    }

    internal static RazorpayProvider Razorpay(IDictionary<string, string?>? extra = null)
    {
        var settings = Settings(extra);
        return new RazorpayProvider(new RazorpayApi(new HttpClient(), settings), settings);
    }

    internal static WebhookDelivery Delivery(byte[] body, DateTimeOffset at, params (string Name, string Value)[] headers) =>
        new(body, headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), at);
}
