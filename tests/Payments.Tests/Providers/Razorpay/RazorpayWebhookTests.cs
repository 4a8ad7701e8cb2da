using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Payments.Providers;
using Payments.Tests.Support;

namespace Payments.Tests.Providers.Razorpay;

/// <summary>Razorpay's webhook signature (hex HMAC-SHA256 of the raw body) and its documented payloads.</summary>
public sealed class RazorpayWebhookTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string Sign(byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Support.Providers.Secrets["RAZORPAY_WEBHOOK_SECRET"]), body));

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void ADocumentedSample_SignedWithTheWebhookSecret_Verifies_UnderItsEventId(string sample)
    {
        var body = Samples.Read("razorpay", sample);

        var verified = Assert.IsType<WebhookVerification.Verified>(Support.Providers.Razorpay().Verify(
            Support.Providers.Delivery(body, Now, ("X-Razorpay-Signature", Sign(body)), ("X-Razorpay-Event-Id", "KAJ0GkNAzG1yUk"))));

        Assert.Equal(("KAJ0GkNAzG1yUk", sample), (verified.EventId, verified.EventType));
    }

    [Fact]
    public void WithoutAnEventIdHeader_TheSignedBodyIsTheKey_SoARetryIsTheSameDelivery()
    {
        var body = Samples.Read("razorpay", "payment.captured");
        var delivery = Support.Providers.Delivery(body, Now, ("X-Razorpay-Signature", Sign(body)));

        var first = Assert.IsType<WebhookVerification.Verified>(Support.Providers.Razorpay().Verify(delivery));
        var retry = Assert.IsType<WebhookVerification.Verified>(Support.Providers.Razorpay().Verify(delivery));

        Assert.Equal(first.EventId, retry.EventId);
        Assert.StartsWith("sha256_", first.EventId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void AWrongOrMissingSignature_IsRefused(string? signature)
    {
        var body = Samples.Read("razorpay", "payment.captured");
        var headers = signature is null ? [] : new[] { ("X-Razorpay-Signature", signature) };

        Assert.IsType<WebhookVerification.Rejected>(Support.Providers.Razorpay().Verify(Support.Providers.Delivery(body, Now, headers)));
    }

    [Fact]
    public void ASignatureOfAnotherBody_IsRefused()
    {
        var body = Samples.Read("razorpay", "payment.captured");
        var other = Samples.Read("razorpay", "payment.failed");

        Assert.IsType<WebhookVerification.Rejected>(Support.Providers.Razorpay().Verify(Support.Providers.Delivery(body, Now, ("X-Razorpay-Signature", Sign(other)))));
    }

    [Fact]
    public void DuringASecretRotation_EitherSecretVerifies()
    {
        var body = Samples.Read("razorpay", "payment.captured");
        var provider = Support.Providers.Razorpay(new Dictionary<string, string?> { ["RAZORPAY_WEBHOOK_SECRET"] = "the_new_secret, " + Support.Providers.Secrets["RAZORPAY_WEBHOOK_SECRET"] });

        Assert.IsType<WebhookVerification.Verified>(provider.Verify(Support.Providers.Delivery(body, Now, ("X-Razorpay-Signature", Sign(body)))));
    }

    [Fact]
    public async Task Captured_CountsThePaymentUnderItsId_AndLeadsByTheOrderId()
    {
        var about = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("payment.captured"));

        Assert.Equal("order_GwUvksWDBcSdw9", about.Locator.ProviderReference);
        Assert.Equal(["pay_GwUwfzZD7hnooU"], about.Locator.OtherReferences);
        var received = Assert.IsType<PaymentObservation.Received>(Assert.Single(about.Observations));
        Assert.Equal(("pay_GwUwfzZD7hnooU", 50000L, "INR"), (received.Key, received.Amount.Minor, received.Amount.Currency));
    }

    [Fact]
    public async Task Failed_WithNotesAsAnEmptyArray_SaysWhy()
    {
        var about = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("payment.failed"));

        Assert.Equal("payment_failed", Assert.IsType<PaymentObservation.Failed>(Assert.Single(about.Observations)).Reason);
    }

    [Fact]
    public async Task OrderPaid_AndPaymentCaptured_CountTheSamePaymentOnce()
    {
        var paid = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("order.paid"));

        var received = Assert.IsType<PaymentObservation.Received>(Assert.Single(paid.Observations));
        Assert.Equal("pay_DESlfW9H8K9uqN", received.Key);
    }

    [Fact]
    public async Task AProcessedRefund_LeadsByThePaymentId_AndCountsUnderTheRefundId()
    {
        var about = Assert.IsType<WebhookTranslation.About>(await TranslateAsync("refund.processed"));

        Assert.Equal("pay_DESlfW9H8K9uqN", about.Locator.ProviderReference);
        var refunded = Assert.IsType<PaymentObservation.Refunded>(Assert.Single(about.Observations));
        Assert.Equal(("rfnd_DGX2Pn9Xw8fG2F", 40L), (refunded.Key, refunded.Amount.Minor));
    }

    [Fact]
    public async Task ADispute_IsAnEventThePlatformDoesNotUse()
    {
        Assert.IsType<WebhookTranslation.Ignored>(await TranslateAsync("payment.dispute.created"));
    }

    public static TheoryData<string> SampleNames() => [.. Samples.All("razorpay")];

    private static Task<WebhookTranslation> TranslateAsync(string sample) =>
        Support.Providers.Razorpay().TranslateAsync(new VerifiedWebhook("evt", sample, Samples.Read("razorpay", sample), Now), TestContext.Current.CancellationToken);
}
