using System.Text.Json;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Providers.Coinbase;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Crypto;

/// <summary>Coinbase Commerce through the fake: USDC charges priced in the order's currency, webhooks re-read.</summary>
public sealed class CoinbaseProviderTests(CryptoFakes fakes) : IClassFixture<CryptoFakes>
{
    private const string Coinbase = "coinbase";
    private static readonly MoneyAmount Price = new(2500, "EUR");

    private IPaymentProvider Provider => fakes.Provider(Coinbase);

    [Fact]
    public async Task Start_GivesTheHostedPageOfAChargeForTheOrdersTotal()
    {
        var payment = CryptoFakes.NewPayment(Coinbase, Price, DateTimeOffset.UtcNow.AddMinutes(15));

        var started = (await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken)).Value;

        Assert.Null(started.Quote);
        Assert.Equal("redirect", started.Instructions.Kind);
        Assert.Equal(Price, started.Instructions.Amount);
        Assert.StartsWith(fakes.Server.ApiBase(Coinbase) + "pay/", started.Instructions.Url, StringComparison.Ordinal);
        var charge = fakes.Fake(Coinbase).Describe()["charges"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == started.ProviderReference)!;
        Assert.Equal("25.00", charge["pricing"]!["local"]!["amount"]!.GetValue<string>());
        Assert.Equal(payment.Id, charge["metadata"]!["payment_id"]!.GetValue<string>());
        Assert.Equal([charge["code"]!.GetValue<string>()], started.OtherReferences);
    }

    [Fact]
    public void Accepts_FiatOnly()
    {
        Assert.True(Provider.Accepts("EUR"));
        Assert.False(Provider.Accepts("BTC"));
    }

    [Fact]
    public async Task Pay_SucceedsOnceWhateverTheOrderAndRepeats()
    {
        var (payment, reference) = await StartAsync();
        var webhooks = fakes.Act(Coinbase, reference, FakeActions.Pay);

        var (paid, effects) = await fakes.ApplyAsync(Coinbase, payment, webhooks.Concat(webhooks).Concat(webhooks).OrderBy(_ => Random.Shared.Next()));

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(Price, paid.Received);
        var succeeded = Assert.Single(effects.OfType<PaymentEffect.Succeeded>());
        Assert.False(succeeded.Late);
    }

    [Fact]
    public async Task ExpiredUnpaid_Expires()
    {
        var (payment, reference) = await StartAsync();

        var (expired, effects) = await fakes.ApplyAsync(Coinbase, payment, fakes.Act(Coinbase, reference, FakeActions.Expire));

        Assert.Equal(PaymentStatus.Expired, expired.Status);
        Assert.Empty(effects);
    }

    [Fact]
    public async Task PaidAfterTheChargeExpired_SucceedsAsLate()
    {
        var (payment, reference) = await StartAsync();

        var (paid, effects) = await fakes.ApplyAsync(Coinbase, payment, fakes.Act(Coinbase, reference, FakeActions.PayLate));

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.True(Assert.Single(effects.OfType<PaymentEffect.Succeeded>()).Late);
    }

    [Fact]
    public async Task ARetriedWebhook_IsTheSameEvent()
    {
        var (_, reference) = await StartAsync();
        var webhook = Assert.IsType<FakeActionResult.Done>(fakes.Fake(Coinbase).Act(reference, new FakeAction(FakeActions.Pay))).Webhooks[^1];

        var first = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(CryptoFakes.Deliver(webhook)));
        var retry = CryptoFakes.Deliver(webhook);
        Assert.Contains("\"attempt_number\":2", System.Text.Encoding.UTF8.GetString(retry.Body.Span), StringComparison.Ordinal);

        Assert.Equal(first, Provider.Verify(retry));
    }

    [Fact]
    public async Task Refund_FailsSayingToUseTheDashboard()
    {
        var (payment, _) = await StartAsync();

        var refund = await Provider.RefundAsync(payment, new ProviderRefundRequest("r1", Price, "refund-r1", "cancelled"), TestContext.Current.CancellationToken);

        var failed = Assert.IsType<PaymentObservation.RefundFailed>(Assert.Single(refund.Observations));
        Assert.Contains("dashboard", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumented2023Payload_ReadsAsMoneyReceivedWhenFirstSeen()
    {
        var webhook = JsonSerializer.Deserialize(Samples.Bytes("coinbase-charge-confirmed-2023.json"), CoinbaseJsonContext.Default.CoinbaseWebhook)!;
        Assert.Equal("charge:confirmed", webhook.Event!.Type);

        var observations = CoinbaseObservations.FromCharge(webhook.Event.Data!, "USD");

        var received = Assert.Single(observations.OfType<PaymentObservation.Received>());
        Assert.Equal(new MoneyAmount(100, "USD"), received.Amount);
        Assert.Equal(DateTimeOffset.Parse("2023-08-30T19:24:45Z", System.Globalization.CultureInfo.InvariantCulture), received.At);
        Assert.Contains(observations, o => o is PaymentObservation.Pending);
    }

    [Fact]
    public async Task TheDocumented2018Payload_VerifiesWithItsSecretAndIsIgnoredAsCreated()
    {
        var body = Samples.Bytes("coinbase-charge-created-2018.json");
        var secret = "30291a20-0bd1-4267-9b0f-e6e7b123c0bf";
        Assert.Equal(SignatureCheck.Valid, CoinbaseWebhookSignature.Verify(body, "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d", secret));
        var delivery = new WebhookDelivery(body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-CC-Webhook-Signature"] = CoinbaseWebhookSignature.Sign(body, fakes.Server.Secrets["COINBASE_WEBHOOK_SECRET"]) }, DateTimeOffset.UtcNow);

        var verified = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(delivery));
        Assert.Equal("24934862-d980-46cb-9402-43c81b0cdba6", verified.EventId);
        var translation = await Provider.TranslateAsync(new VerifiedWebhook(verified.EventId, verified.EventType, body, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        Assert.IsType<WebhookTranslation.Ignored>(translation);
    }

    private async Task<(Payment Payment, string Reference)> StartAsync()
    {
        var payment = CryptoFakes.NewPayment(Coinbase, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        var started = (await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken)).Value;
        return (CryptoFakes.Started(payment, started), started.ProviderReference);
    }
}
