using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Bitgo;

/// <summary>
/// What a BitGo transfer, re-read from BitGo, means for the payment whose receive address it paid.
/// A receive counts (<see cref="PaymentObservation.Received"/>, keyed by the transfer: several
/// transfers to one address add up, a top-up included) only once it is <c>confirmed</c> with at least
/// the threshold's confirmations; before that it keeps the payment pending. The money arrived when
/// BitGo first saw the transfer, not when it confirmed: a payment broadcast in time is not late.
/// </summary>
internal static class BitgoObservations
{
    public static IReadOnlyList<PaymentObservation> FromTransfer(BitgoTransfer transfer, string address, int minConfirmations)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.Type != "receive")
        {
            return [];
        }

        long satoshis = 0;
        foreach (var entry in transfer.Entries.Where(e => string.Equals(e.Address, address, StringComparison.Ordinal)))
        {
            if (DecimalAmounts.TryParseMinorUnits(entry.ValueString, 0, out var value) && value > 0)
            {
                satoshis += value;
            }
        }

        if (satoshis == 0)
        {
            return [];
        }

        var seen = transfer.History.Where(h => h.Date is not null).Select(h => h.Date!.Value).DefaultIfEmpty(transfer.Date ?? DateTimeOffset.UnixEpoch).Min();
        return transfer.State switch
        {
            "confirmed" when transfer.Confirmations >= minConfirmations =>
                [new PaymentObservation.Received(ReceiptKey(transfer.Id), new MoneyAmount(satoshis, Currencies.Bitcoin), seen)],
            "confirmed" or "unconfirmed" or "signed" => [new PaymentObservation.Pending(seen)],
            _ => [],
        };
    }

    /// <summary>What became of a refund we sent (its transfer, found by id).</summary>
    public static IReadOnlyList<PaymentObservation> FromRefund(BitgoTransfer transfer, MoneyAmount amount, DateTimeOffset now) => transfer.State switch
    {
        "signed" or "unconfirmed" or "confirmed" => [new PaymentObservation.Refunded(RefundKey(transfer.Id), amount, transfer.Date ?? now)],
        "failed" or "rejected" or "removed" => [new PaymentObservation.RefundFailed(transfer.Id, $"BitGo reports the refund {transfer.State}.", transfer.Date ?? now)],
        _ => [],
    };

    public static string ReceiptKey(string transferId) => "bitgo-transfer:" + transferId;

    public static string RefundKey(string transferId) => "bitgo-refund:" + transferId;
}
