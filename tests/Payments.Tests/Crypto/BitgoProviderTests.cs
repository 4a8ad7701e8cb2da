using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.FakeProviders.Bitgo;
using BitcoinEvents.Payments.Providers;
using NBitcoin;
using NBitcoin.Payment;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Crypto;

/// <summary>BitGo through the fake wallet: a fresh address per payment, transfers re-read and counted at the threshold, refunds sent to the buyer's address.</summary>
public sealed class BitgoProviderTests(CryptoFakes fakes) : IClassFixture<CryptoFakes>
{
    private const string Bitgo = "bitgo";
    private const string RefundAddress = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";

    // 25.00 EUR at the rate of the (fake) BTCPay store, the production rate source.
    private static readonly MoneyAmount Price = new(2500, "EUR");
    private const long Sats = 50_000;

    private IPaymentProvider Provider => fakes.Provider(Bitgo);

    [Fact]
    public async Task Start_GivesAFreshAddressAndABip21UriWithTheQuotedAmount()
    {
        var (payment, started) = await StartAsync();

        Assert.Equal(new MoneyAmount(Sats, "BTC"), started.Quote!.Amount);
        Assert.True(started.Quote.ExpiresAt <= payment.Deadline);
        var instructions = started.Instructions;
        Assert.Equal("crypto", instructions.Kind);
        Assert.StartsWith("tb1", instructions.Address, StringComparison.Ordinal);
        Assert.Equal(instructions.Address, started.ProviderReference);
        var bip21 = new BitcoinUrlBuilder(instructions.PaymentUri!, Network.TestNet);
        Assert.Equal(instructions.Address, bip21.Address!.ToString());
        Assert.Equal(Sats, bip21.Amount!.Satoshi);

        var (_, again) = await StartAsync(payment);
        Assert.Equal(started.ProviderReference, again.ProviderReference); // one address per payment, however often it is started
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "is a mainnet address")]
    [InlineData("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsy", "a typo?")]
    [InlineData("not an address", "is not a Bitcoin address")]
    public async Task Start_RefusesAMissingOrWrongRefundAddress_NamingTheField(string? refundAddress, string reason)
    {
        var payment = CryptoFakes.NewPayment(Bitgo, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        var options = refundAddress is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["refund_address"] = refundAddress };

        var result = await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, options), TestContext.Current.CancellationToken);

        var error = Assert.Single(Assert.IsType<ValidationFailed>(result.Error).Errors);
        Assert.Equal("options.refund_address", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        var addresses = fakes.Fake(Bitgo).Describe()["addresses"]!.AsArray();
        Assert.DoesNotContain(addresses, a => a!["label"]!.GetValue<string>().Contains(payment.Id, StringComparison.Ordinal)); // nothing created
    }

    [Fact]
    public async Task ATransfer_CountsOnlyAtTheConfirmationThreshold_AndOnce()
    {
        var (payment, started) = await StartAsync();
        var address = started.ProviderReference;
        payment = CryptoFakes.Started(payment, started);

        var seen = fakes.Act(Bitgo, address, FakeActions.Pay, Sats); // first seen, unconfirmed
        var (pending, none) = await fakes.ApplyAsync(Bitgo, payment, seen);
        Assert.Equal(PaymentStatus.Pending, pending.Status);
        Assert.True(pending.Received.IsZero);
        Assert.Empty(none);

        Assert.Empty(fakes.Act(Bitgo, address, FakeBitgo.Confirm, 1)); // one confirmation: below the threshold (2), no webhook
        var fetched = await Provider.FetchAsync(pending, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(fetched, o => o is PaymentObservation.Received);

        var confirmed = fakes.Act(Bitgo, address, FakeBitgo.Confirm, 1); // two: the threshold
        Assert.Single(confirmed);
        var everything = seen.Concat(confirmed).ToList();
        var (paid, effects) = await fakes.ApplyAsync(Bitgo, payment, everything.Concat(everything).Concat(everything).OrderBy(_ => Random.Shared.Next()));

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(Sats, paid.Received.Minor);
        Assert.False(Assert.Single(effects.OfType<PaymentEffect.Succeeded>()).Late);
    }

    [Fact]
    public async Task Underpaid_ThenToppedUp_Succeeds()
    {
        var (payment, address) = await StartedAsync();

        var (partly, _) = await fakes.ApplyAsync(Bitgo, payment, [.. fakes.Act(Bitgo, address, FakeActions.Underpay, 20_000), .. fakes.Act(Bitgo, address, FakeBitgo.Confirm, 2)]);
        Assert.Equal(PaymentExceptions.Underpaid, partly.Exceptions);
        Assert.Equal(PaymentStatus.Pending, partly.Status);

        var (paid, effects) = await fakes.ApplyAsync(Bitgo, partly, [.. fakes.Act(Bitgo, address, FakeActions.Pay, 30_000), .. fakes.Act(Bitgo, address, FakeBitgo.Confirm, 2)]);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(Sats, paid.Received.Minor);
        Assert.Single(effects.OfType<PaymentEffect.Succeeded>());
    }

    [Fact]
    public async Task Overpaid_Succeeds_AndTheExcessGoesToTheRefundAddressOnce()
    {
        var (payment, address) = await StartedAsync();

        var (paid, effects) = await fakes.ApplyAsync(Bitgo, payment, [.. fakes.Act(Bitgo, address, FakeActions.Overpay, 65_000), .. fakes.Act(Bitgo, address, FakeBitgo.Confirm, 3)]);
        Assert.Equal(PaymentExceptions.Overpaid, paid.Exceptions);
        var owed = Assert.Single(effects.OfType<PaymentEffect.RefundOwed>());
        Assert.Equal(15_000, owed.Amount.Minor);

        var claimed = paid.RequestRefund(owed.Id, owed.Amount, owed.Reason, DateTimeOffset.UtcNow).Value.Payment;
        var request = new ProviderRefundRequest(owed.Id, owed.Amount, "refund-" + owed.Id, owed.Reason);
        var refund = await Provider.RefundAsync(claimed, request, TestContext.Current.CancellationToken);
        var again = await Provider.RefundAsync(claimed, request, TestContext.Current.CancellationToken);

        Assert.Equal(refund.ProviderRefundId, again.ProviderRefundId);
        var refunded = Assert.IsType<PaymentObservation.Refunded>(Assert.Single(refund.Observations));
        Assert.Equal(owed.Amount, refunded.Amount);
        var sends = fakes.Fake(Bitgo).Describe()["transfers"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "send" && t["sequenceId"]?.GetValue<string>() == request.IdempotencyKey).ToList();
        var send = Assert.Single(sends)!;
        Assert.Equal(RefundAddress, send["entries"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("15000", send["entries"]![0]!["valueString"]!.GetValue<string>());
    }

    [Fact]
    public async Task PaidLate_Succeeds_AsLate()
    {
        var (payment, address) = await StartedAsync();

        var (paid, effects) = await fakes.ApplyAsync(Bitgo, payment, [.. fakes.Act(Bitgo, address, FakeActions.PayLate, Sats), .. fakes.Act(Bitgo, address, FakeBitgo.Confirm, 2)]);

        Assert.True(paid.Exceptions.HasFlag(PaymentExceptions.PaidLate));
        Assert.True(Assert.Single(effects.OfType<PaymentEffect.Succeeded>()).Late);
    }

    [Fact]
    public void AForgedNotification_IsRejected()
    {
        var body = """{"hash":"00","transfer":"5f0c0000000000000000000000000001","coin":"tbtc","type":"transfer","state":"confirmed","wallet":"5f0cdeadbeef0000000000000000dev0"}"""u8.ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Signature-SHA256"] = BitcoinEvents.Payments.Providers.HexHmacSignature.Sign(body, "not-the-secret") };
        Assert.IsType<WebhookVerification.Rejected>(Provider.Verify(new WebhookDelivery(body, headers, DateTimeOffset.UtcNow)));
        Assert.IsType<WebhookVerification.Rejected>(Provider.Verify(new WebhookDelivery(body, new Dictionary<string, string>(), DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task ANotificationOfAnotherWallet_IsIgnored()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["hash"] = "00", ["transfer"] = "5f0c0000000000000000000000000001", ["coin"] = "tbtc", ["type"] = "transfer", ["state"] = "confirmed", ["wallet"] = "ffffffffffffffffffffffffffffffff" }.ToJsonString());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Signature-SHA256"] = BitcoinEvents.Payments.Providers.HexHmacSignature.Sign(body, fakes.Server.Secrets["BITGO_WEBHOOK_SECRET"]) };
        var verified = Assert.IsType<WebhookVerification.Verified>(Provider.Verify(new WebhookDelivery(body, headers, DateTimeOffset.UtcNow)));

        var translation = await Provider.TranslateAsync(new VerifiedWebhook(verified.EventId, verified.EventType, body, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        Assert.IsType<WebhookTranslation.Ignored>(translation);
    }

    private async Task<(Payment Payment, string Address)> StartedAsync()
    {
        var (payment, started) = await StartAsync();
        return (CryptoFakes.Started(payment, started), started.ProviderReference);
    }

    private async Task<(Payment Payment, StartedPayment Started)> StartAsync(Payment? payment = null)
    {
        payment ??= CryptoFakes.NewPayment(Bitgo, Price, DateTimeOffset.UtcNow.AddMinutes(15));
        var options = new Dictionary<string, string> { ["refund_address"] = RefundAddress };
        var started = (await Provider.StartAsync(new PaymentStart(payment, "payment-" + payment.Id, null, options), TestContext.Current.CancellationToken)).Value;
        return (payment, started);
    }
}
