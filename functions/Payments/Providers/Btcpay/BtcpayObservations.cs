using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Btcpay;

/// <summary>
/// What a BTCPay invoice, as the store reports it now, means for its payment. The invoice is priced
/// in BTC (the quote's satoshis), so its payments add up directly against the quote. Only settled
/// payments count as money received (Lightning settles at once; on-chain at the store's speed policy);
/// one that is still confirming keeps the payment pending. The time of the latest settled payment is
/// the time the money arrived, so a payment after the quote's deadline is late whenever it is read.
/// </summary>
internal static class BtcpayObservations
{
    public static readonly string[] OnChainMethods = ["BTC-CHAIN", "BTC", "BTC-OnChain"];

    public static readonly string[] LightningMethods = ["BTC-LN", "BTC-LightningNetwork"];

    public static IReadOnlyList<PaymentObservation> FromInvoice(BtcpayInvoice invoice, IReadOnlyList<BtcpayPaymentMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(methods);
        long settled = 0;
        DateTimeOffset? lastSettled = null;
        var confirming = false;
        foreach (var method in methods.Where(IsBitcoin))
        {
            foreach (var payment in method.Payments)
            {
                switch (payment.Status)
                {
                    case "Settled":
                        settled += Satoshis(payment.Value) - Satoshis(payment.Fee);
                        var at = DateTimeOffset.FromUnixTimeSeconds(payment.ReceivedDate);
                        lastSettled = lastSettled is null || at > lastSettled ? at : lastSettled;
                        break;
                    case "Processing":
                        confirming = true;
                        break;
                }
            }
        }

        var observations = new List<PaymentObservation>();
        var created = DateTimeOffset.FromUnixTimeSeconds(invoice.CreatedTime);
        if (confirming || invoice.Status == "Processing")
        {
            observations.Add(new PaymentObservation.Pending(created));
        }

        if (settled > 0)
        {
            observations.Add(new PaymentObservation.Received(ReceiptKey(invoice.Id), new MoneyAmount(settled, Currencies.Bitcoin), lastSettled!.Value));
        }

        switch (invoice.Status)
        {
            case "Expired":
                observations.Add(new PaymentObservation.Expired(DateTimeOffset.FromUnixTimeSeconds(invoice.ExpirationTime)));
                break;
            case "Invalid" when settled == 0 && !confirming:
                observations.Add(new PaymentObservation.Failed("BTCPay marked the invoice invalid.", DateTimeOffset.FromUnixTimeSeconds(invoice.ExpirationTime)));
                break;
        }

        return observations;
    }

    /// <summary>Money that went back through a refund's pull payment: its completed payouts, in BTC.</summary>
    public static IReadOnlyList<PaymentObservation> FromPayouts(string pullPaymentId, IReadOnlyList<BtcpayPayout> payouts)
    {
        long refunded = 0;
        DateTimeOffset? at = null;
        foreach (var payout in payouts.Where(p => p.State == "Completed"))
        {
            refunded += Satoshis(payout.OriginalCurrency == Currencies.Bitcoin ? payout.OriginalAmount
                : payout.PayoutCurrency == Currencies.Bitcoin ? payout.PayoutAmount
                : payout.Amount);
            var date = DateTimeOffset.FromUnixTimeSeconds(payout.Date);
            at = at is null || date > at ? date : at;
        }

        return refunded > 0
            ? [new PaymentObservation.Refunded(RefundKey(pullPaymentId), new MoneyAmount(refunded, Currencies.Bitcoin), at!.Value)]
            : [];
    }

    public static string ReceiptKey(string invoiceId) => "btcpay-invoice:" + invoiceId;

    public static string RefundKey(string pullPaymentId) => "btcpay-pull-payment:" + pullPaymentId;

    public static bool IsBitcoin(BtcpayPaymentMethod method) =>
        OnChainMethods.Contains(method.Id, StringComparer.Ordinal) || LightningMethods.Contains(method.Id, StringComparer.Ordinal);

    /// <summary>A BTC decimal ("0.00012345") in satoshis; anything unreadable counts as nothing.</summary>
    public static long Satoshis(string? btc) =>
        DecimalAmounts.TryParseMinorUnits(btc, Currencies.MinorUnitDigits(Currencies.Bitcoin), out var sats) && sats > 0 ? sats : 0;
}
