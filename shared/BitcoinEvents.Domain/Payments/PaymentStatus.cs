namespace BitcoinEvents.Domain.Payments;

/// <summary>
/// Where a payment is. It only moves forward (<see cref="PaymentStatuses.Rank"/>): an observation that
/// would move it back (a late "pending" after "succeeded", a "failed" after "succeeded") changes
/// nothing. Money that arrives beats a failure or an expiry: a Razorpay UPI payment reported failed
/// and then captured ends <see cref="Succeeded"/>.
/// </summary>
public enum PaymentStatus
{
    /// <summary>Recorded; the provider has not reported anything yet.</summary>
    Created,

    /// <summary>The provider reports it under way (processing, authorized, seen unconfirmed, or part paid).</summary>
    Pending,

    /// <summary>An attempt failed; the buyer may try again (another card, another UPI app) until the deadline.</summary>
    Failed,

    /// <summary>It was not paid in time (the provider's session or quote ran out, or we expired it).</summary>
    Expired,

    /// <summary>The money arrived (at least the amount asked for).</summary>
    Succeeded,

    /// <summary>Part of what arrived went back to the buyer.</summary>
    PartlyRefunded,

    /// <summary>Everything that arrived went back to the buyer.</summary>
    Refunded,
}

/// <summary>
/// What is unusual about a payment, beside its status (as BTCPay keeps <c>InvoiceExceptionStatus</c>
/// beside <c>InvoiceStatus</c>): mostly crypto, where the buyer sends the amount themselves.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Exceptions" is the domain's word (BTCPay's exception status), not a .NET exception.
public enum PaymentExceptions
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>Less than asked for arrived: the buyer may top up until the deadline, else it is refunded.</summary>
    Underpaid = 1,

    /// <summary>More than asked for arrived: the excess is owed back (a refund for it is requested).</summary>
    Overpaid = 2,

    /// <summary>The money arrived after the deadline: Ticketing decides (re-take the seats or refund).</summary>
    PaidLate = 4,
}

public static class PaymentStatuses
{
    /// <summary>How far along a status is: a payment never moves to a lower rank.</summary>
    public static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.Created => 0,
        PaymentStatus.Pending => 1,
        PaymentStatus.Failed or PaymentStatus.Expired => 2,
        PaymentStatus.Succeeded => 3,
        PaymentStatus.PartlyRefunded => 4,
        PaymentStatus.Refunded => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status as the API and storage write it ("partly_refunded").</summary>
    public static string Wire(PaymentStatus status) => status switch
    {
        PaymentStatus.PartlyRefunded => "partly_refunded",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>True while money may still arrive through the provider (what reconciliation asks about).</summary>
    public static bool IsOpen(PaymentStatus status) => status is PaymentStatus.Created or PaymentStatus.Pending or PaymentStatus.Failed;
}
