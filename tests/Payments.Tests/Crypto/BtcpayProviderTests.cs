using BitcoinEvents.Domain.Payments;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.Payments.Providers;
using NBitcoin;
using NBitcoin.Payment;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Crypto;

/// <summary>BTCPay Server through the fake store: invoices at our quote, webhooks re-read, refunds as pull payments.</summary>
public sealed class BtcpayProviderTests(CryptoFakes fakes) : IClassFixture<CryptoFakes>
{
    private const string Btcpay = "btcpay";

    // 25.00 EUR at the fake store's 50,000 EUR/BTC.
    private static readonly MoneyAmount Price = new(2500, "EUR");
    private const long Sats = 50_000;

    private IPaymentProvider Provider => fakes.Provider(Btcpay);

    [Fact]
    public async Task Start_GivesTheCheckoutLinkTheLightningInvoiceAndABip21UriForTheQuote()
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(15);
        var payment = CryptoFakes.NewPayment(Btcpay, Price, deadline);

        var started = (await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken)).Value;

        var quote = started.Quote!;
        Assert.Equal(new MoneyAmount(Sats, "BTC"), quote.Amount);
        Assert.Equal(Price, quote.Settles);
        Assert.True(quote.ExpiresAt <= deadline);
        Assert.True(quote.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(13));
        var instructions = started.Instructions;
        Assert.Equal("crypto", instructions.Kind);
        Assert.Equal(quote.Amount, instructions.Amount);
        Assert.StartsWith(fakes.Server.ApiBase(Btcpay) + "i/", instructions.Url, StringComparison.Ordinal);
        Assert.StartsWith("lnbcrt", instructions.LightningInvoice, StringComparison.Ordinal);
        var bip21 = new BitcoinUrlBuilder(instructions.PaymentUri!, Network.RegTest);
        Assert.Equal(instructions.Address, bip21.Address!.ToString());
        Assert.Equal(Sats, bip21.Amount!.Satoshi);
        Assert.Equal(instructions.LightningInvoice, bip21.UnknownParameters["lightning"]);
    }

    [Fact]
    public async Task Start_Again_GivesTheSameInvoice()
    {
        var payment = CryptoFakes.NewPayment(Btcpay, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        var start = new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>());

        var first = (await Provider.StartAsync(start, TestContext.Current.CancellationToken)).Value;
        var second = (await Provider.StartAsync(start, TestContext.Current.CancellationToken)).Value;

        Assert.Equal(first.ProviderReference, second.ProviderReference);
        Assert.Equal(first.Quote!.Amount, second.Quote!.Amount);
        Assert.Equal(first.Instructions.LightningInvoice, second.Instructions.LightningInvoice);
    }

    [Fact]
    public async Task Start_RefusesAnOrderThatCannotBeQuotedInTime()
    {
        var payment = CryptoFakes.NewPayment(Btcpay, Price, DateTimeOffset.UtcNow.AddSeconds(30));
        var result = await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken);
        Assert.IsType<BitcoinEvents.Domain.Results.InvalidStateTransition>(result.Error);
    }

    [Fact]
    public async Task Pay_SettlesThePaymentOnceWhateverTheOrderAndRepeats()
    {
        var (payment, reference) = await StartAsync();
        var webhooks = fakes.Act(Btcpay, reference, FakeActions.Pay);
        Assert.Equal(["InvoiceReceivedPayment", "InvoicePaymentSettled", "InvoiceSettled"], webhooks.Select(Type));

        // Every webhook three times, shuffled: the payment succeeds once.
        var shuffled = webhooks.Concat(webhooks).Concat(webhooks).OrderBy(_ => Random.Shared.Next());
        var (paid, effects) = await fakes.ApplyAsync(Btcpay, payment, shuffled);

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(PaymentExceptions.None, paid.Exceptions);
        Assert.Equal(new MoneyAmount(Sats, "BTC"), paid.Received);
        var succeeded = Assert.Single(effects.OfType<PaymentEffect.Succeeded>());
        Assert.Equal(Price, succeeded.Settles);
        Assert.False(succeeded.Late);
    }

    [Fact]
    public async Task ARedelivery_HasTheOriginalDeliveryAsItsEventId()
    {
        var (_, reference) = await StartAsync();
        var webhook = Assert.IsType<FakeActionResult.Done>(fakes.Fake(Btcpay).Act(reference, new FakeAction(FakeActions.Pay))).Webhooks[^1];

        var first = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(CryptoFakes.Deliver(webhook)));
        var again = CryptoFakes.Deliver(webhook);
        Assert.Contains("\"isRedelivery\": true", System.Text.Encoding.UTF8.GetString(again.Body.Span), StringComparison.Ordinal);
        var redelivered = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(again));

        Assert.Equal(first.EventId, redelivered.EventId);
        Assert.Equal("InvoiceSettled", redelivered.EventType);
    }

    [Fact]
    public async Task Underpaid_ThenToppedUpBeforeTheQuoteExpires_Succeeds()
    {
        var (payment, reference) = await StartAsync();

        var (partly, effects) = await fakes.ApplyAsync(Btcpay, payment, fakes.Act(Btcpay, reference, FakeActions.Underpay, 20_000));
        Assert.Equal(PaymentStatus.Pending, partly.Status);
        Assert.Equal(PaymentExceptions.Underpaid, partly.Exceptions);
        Assert.Empty(effects);

        var (paid, more) = await fakes.ApplyAsync(Btcpay, partly, fakes.Act(Btcpay, reference, FakeActions.Pay));
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(PaymentExceptions.None, paid.Exceptions);
        Assert.Equal(Sats, paid.Received.Minor);
        Assert.Single(more.OfType<PaymentEffect.Succeeded>());
    }

    [Fact]
    public async Task Underpaid_AndExpired_OwesEverythingBack()
    {
        var (payment, reference) = await StartAsync();
        var webhooks = fakes.Act(Btcpay, reference, FakeActions.Underpay, 20_000).Concat(fakes.Act(Btcpay, reference, FakeActions.Expire));

        var (expired, effects) = await fakes.ApplyAsync(Btcpay, payment, webhooks);

        Assert.Equal(PaymentStatus.Expired, expired.Status);
        var owed = Assert.Single(effects.OfType<PaymentEffect.RefundOwed>());
        Assert.Equal(new MoneyAmount(20_000, "BTC"), owed.Amount);
    }

    [Fact]
    public async Task Overpaid_Succeeds_AndTheExcessIsRefundedThroughAPullPayment()
    {
        var (payment, reference) = await StartAsync();

        var (paid, effects) = await fakes.ApplyAsync(Btcpay, payment, fakes.Act(Btcpay, reference, FakeActions.Overpay, 65_000));
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(PaymentExceptions.Overpaid, paid.Exceptions);
        var owed = Assert.Single(effects.OfType<PaymentEffect.RefundOwed>());
        Assert.Equal(new MoneyAmount(15_000, "BTC"), owed.Amount);

        var claim = paid.RequestRefund(owed.Id, owed.Amount, owed.Reason, DateTimeOffset.UtcNow).Value;
        var request = new ProviderRefundRequest(owed.Id, owed.Amount, "refund-" + owed.Id, owed.Reason);
        var refund = await Provider.RefundAsync(claim.Payment, request, TestContext.Current.CancellationToken);
        Assert.Empty(refund.Observations); // a pull payment: the money goes back when the buyer claims it
        var again = await Provider.RefundAsync(claim.Payment, request, TestContext.Current.CancellationToken);
        Assert.Equal(refund.ProviderRefundId, again.ProviderRefundId); // asking twice is one pull payment

        var submitted = claim.Payment.RefundSubmitted(owed.Id, refund.ProviderRefundId, DateTimeOffset.UtcNow);
        var (refunded, refundEffects) = await fakes.ApplyAsync(Btcpay, submitted, fakes.Act(Btcpay, reference, FakeActions.Refund));

        Assert.Equal(new MoneyAmount(15_000, "BTC"), refunded.Refunded);
        Assert.Equal(PaymentStatus.PartlyRefunded, refunded.Status);
        Assert.Empty(refundEffects.OfType<PaymentEffect.Refunded>()); // the excess was never the order's money
        var fetched = await Provider.FetchAsync(refunded, TestContext.Current.CancellationToken);
        Assert.Contains(fetched, o => o is PaymentObservation.Refunded { Amount.Minor: 15_000 });
    }

    [Fact]
    public async Task PaidLate_Succeeds_AsLate()
    {
        var (payment, reference) = await StartAsync();

        var (paid, effects) = await fakes.ApplyAsync(Btcpay, payment, fakes.Act(Btcpay, reference, FakeActions.PayLate));

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.True(paid.Exceptions.HasFlag(PaymentExceptions.PaidLate));
        Assert.True(Assert.Single(effects.OfType<PaymentEffect.Succeeded>()).Late);
    }

    [Fact]
    public async Task Fetch_SeesWhatTheWebhooksWouldHaveSaid()
    {
        var (payment, reference) = await StartAsync();
        fakes.Act(Btcpay, reference, FakeActions.Pay); // the webhooks are lost

        var observations = await Provider.FetchAsync(payment, TestContext.Current.CancellationToken);

        var received = Assert.Single(observations.OfType<PaymentObservation.Received>());
        Assert.Equal(Sats, received.Amount.Minor);
    }

    [Fact]
    public async Task AnUnusedEventType_IsIgnored()
    {
        var payment = CryptoFakes.NewPayment(Btcpay, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken);
        var created = fakes.Server.Webhooks.Of(Btcpay).Last(d => d.Type == "InvoiceCreated");

        var delivery = CryptoFakes.Deliver(created.Webhook);
        var verified = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(delivery));
        var translation = await Provider.TranslateAsync(new VerifiedWebhook(verified.EventId, verified.EventType, delivery.Body, delivery.ReceivedAt), TestContext.Current.CancellationToken);

        Assert.IsType<WebhookTranslation.Ignored>(translation);
    }

    [Fact]
    public void AForgedDelivery_IsRejected()
    {
        var delivery = new WebhookDelivery(
            """{"deliveryId":"x","originalDeliveryId":"x","type":"InvoiceSettled","storeId":"s","invoiceId":"i"}"""u8.ToArray(),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["BTCPay-Sig"] = "sha256=" + new string('0', 64) },
            DateTimeOffset.UtcNow);
        Assert.IsType<WebhookVerification.Rejected>(Provider.Verify(delivery));
    }

    private async Task<(Payment Payment, string Reference)> StartAsync()
    {
        var payment = CryptoFakes.NewPayment(Btcpay, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        var started = (await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, new Dictionary<string, string>()), TestContext.Current.CancellationToken)).Value;
        return (CryptoFakes.Started(payment, started), started.ProviderReference);
    }

    private static string Type(WebhookDelivery delivery)
    {
        using var json = System.Text.Json.JsonDocument.Parse(delivery.Body);
        return json.RootElement.GetProperty("type").GetString()!;
    }
}
