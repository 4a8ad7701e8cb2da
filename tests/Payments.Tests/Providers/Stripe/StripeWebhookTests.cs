using System.Text;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.FakeProviders.Stripe;
using BitcoinEvents.Payments.Providers;
using Payments.Tests.Support;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Providers.Stripe;

/// <summary>
/// Stripe's webhook signature and event shapes, checked against Stripe.net (the owner's Stripe
/// library, independent of our code): what the fake signs, Stripe.net accepts; what Stripe.net
/// refuses, we refuse; and the documented samples read the same through both.
/// </summary>
public sealed class StripeWebhookTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string Secret => Support.Providers.Secrets["STRIPE_WEBHOOK_SECRET"];

    private static bool StripeNetAccepts(byte[] body, string header, DateTimeOffset now)
    {
        try
        {
            global::Stripe.EventUtility.ValidateSignature(Encoding.UTF8.GetString(body), header, Secret, 300, now.ToUnixTimeSeconds());
            return true;
        }
        catch (global::Stripe.StripeException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void ASampleSignedAsTheFakeSignsIt_IsAcceptedByStripeNet_AndByUs(string sample)
    {
        var body = Samples.Read("stripe", sample);
        var header = FakeStripeSigner.Header(body, Secret, Now);

        Assert.True(StripeNetAccepts(body, header, Now));
        var verified = Assert.IsType<WebhookVerification.Verified>(Support.Providers.Stripe().Verify(Support.Providers.Delivery(body, Now, ("Stripe-Signature", header))));
        Assert.Equal(Samples.Json("stripe", sample)["id"]!.GetValue<string>(), verified.EventId);
    }

    [Fact]
    public void ATamperedBody_IsRefusedByStripeNet_AndByUs()
    {
        var body = Samples.Read("stripe", "payment_intent.succeeded.2024-06-20");
        var header = FakeStripeSigner.Header(body, Secret, Now);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"amount_received\": 2000", "\"amount_received\": 2001", StringComparison.Ordinal));

        Assert.False(StripeNetAccepts(tampered, header, Now));
        Assert.IsType<WebhookVerification.Rejected>(Support.Providers.Stripe().Verify(Support.Providers.Delivery(tampered, Now, ("Stripe-Signature", header))));
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void TheTimestamp_IsToleratedFor300Seconds_AsByStripeNet(int ageSeconds, bool accepted)
    {
        var body = Samples.Read("stripe", "payment_intent.succeeded.2024-06-20");
        var header = FakeStripeSigner.Header(body, Secret, Now.AddSeconds(-ageSeconds));

        Assert.Equal(accepted, StripeNetAccepts(body, header, Now));
        Assert.Equal(accepted, Support.Providers.Stripe().Verify(Support.Providers.Delivery(body, Now, ("Stripe-Signature", header))) is WebhookVerification.Verified);
    }

    [Fact]
    public void SeveralV1Signatures_WhileStripeRollsTheSecret_AnyMatchingOneVerifies()
    {
        var body = Samples.Read("stripe", "charge.refunded.2024-06-20");
        var good = FakeStripeSigner.Header(body, Secret, Now);
        var old = FakeStripeSigner.Header(body, "whsec_an_older_secret", Now);
        var t = good.Split(',')[0];
        var header = $"{t},{old.Split(',')[1]},{good.Split(',')[1]},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

        Assert.True(StripeNetAccepts(body, header, Now));
        Assert.IsType<WebhookVerification.Verified>(Support.Providers.Stripe().Verify(Support.Providers.Delivery(body, Now, ("Stripe-Signature", header))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("t=,v1=")]
    [InlineData("v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd")]
    [InlineData("t=1492774577")]
    [InlineData("t=99999999999999999999,v1=00")]
    [InlineData("t=1492774577,v1=zz")]
    [InlineData("garbage")]
    public void AMalformedHeader_IsRefused(string header)
    {
        var body = Samples.Read("stripe", "payment_intent.succeeded.2024-06-20");

        Assert.IsType<WebhookVerification.Rejected>(Support.Providers.Stripe().Verify(Support.Providers.Delivery(body, Now, ("Stripe-Signature", header))));
    }

    [Fact]
    public void ACorrectlySignedBody_ThatIsNoStripeEvent_IsRefused()
    {
        var body = "[1,2,3]"u8.ToArray();

        Assert.IsType<WebhookVerification.Rejected>(Support.Providers.Stripe().Verify(Support.Providers.Delivery(body, Now, ("Stripe-Signature", FakeStripeSigner.Header(body, Secret, Now)))));
    }

    [Fact]
    public async Task OldAndNewPaymentIntentShapes_BothSayTheMoneyArrived_AsStripeNetReadsThem()
    {
        foreach (var sample in new[] { "payment_intent.succeeded.2020-08-27", "payment_intent.succeeded.2024-06-20" })
        {
            var translation = await TranslateAsync(sample);

            var about = Assert.IsType<WebhookTranslation.About>(translation);
            var received = Assert.IsType<PaymentObservation.Received>(Assert.Single(about.Observations));
            var stripeNet = (global::Stripe.PaymentIntent)global::Stripe.EventUtility.ParseEvent(Encoding.UTF8.GetString(Samples.Read("stripe", sample)), throwOnApiVersionMismatch: false).Data.Object;
            Assert.Equal(stripeNet.Id, about.Locator.ProviderReference);
            Assert.Equal(stripeNet.Id, received.Key);
            Assert.Equal(new MoneyAmount(stripeNet.AmountReceived, stripeNet.Currency.ToUpperInvariant()), received.Amount);
        }
    }

    [Fact]
    public async Task AFailedPayment_SaysWhy()
    {
        var about = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("payment_intent.payment_failed.2024-06-20"));

        Assert.Equal("insufficient_funds", Assert.IsType<PaymentObservation.Failed>(Assert.Single(about.Observations)).Reason);
    }

    [Fact]
    public async Task ARefundedCharge_CountsItsRunningRefundedTotal_UnderTheCharge()
    {
        var about = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("charge.refunded.2024-06-20"));

        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", about.Locator.ProviderReference);
        var refunded = Assert.Single(about.Observations.OfType<PaymentObservation.Refunded>());
        Assert.Equal(("ch_3MtwBwLkdIwHu7ix28bqJZAt", 500L), (refunded.Key, refunded.Amount.Minor));
        // The charge also says the money arrived, under the same key payment_intent.succeeded uses.
        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", Assert.Single(about.Observations.OfType<PaymentObservation.Received>()).Key);
    }

    [Fact]
    public async Task ACompletedCheckout_CountsTheMoneyUnderItsPaymentIntent_AndAnExpiredOneExpires()
    {
        var completed = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("checkout.session.completed.2024-06-20"));
        var received = Assert.IsType<PaymentObservation.Received>(Assert.Single(completed.Observations));
        Assert.Equal(("pi_3Ot4YzLkdIwHu7ix1cX8s0Qm", 3000L, "EUR"), (received.Key, received.Amount.Minor, received.Amount.Currency));
        Assert.StartsWith("cs_test_", completed.Locator.ProviderReference, StringComparison.Ordinal);

        var expired = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("checkout.session.expired.2024-06-20"));
        Assert.IsType<PaymentObservation.Expired>(Assert.Single(expired.Observations));
    }

    [Fact]
    public async Task AnEventTypeThePlatformDoesNotUse_IsIgnored()
    {
        Assert.IsType<WebhookTranslation.Ignored>(await TranslateAsync("customer.created.2024-06-20"));
    }

    public static TheoryData<string> SampleNames() => [.. Samples.All("stripe")];

    private static Task<WebhookTranslation> TranslateAsync(string sample)
    {
        var body = Samples.Read("stripe", sample);
        var json = Samples.Json("stripe", sample);
        return Support.Providers.Stripe().TranslateAsync(new VerifiedWebhook(json["id"]!.GetValue<string>(), json["type"]!.GetValue<string>(), body, Now), TestContext.Current.CancellationToken);
    }
}
