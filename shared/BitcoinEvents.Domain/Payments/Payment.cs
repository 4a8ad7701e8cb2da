using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Payments;

/// <summary>Money under a provider's key (a charge, a transfer, a refund, or a running total).</summary>
public sealed record MoneyEntry(string Key, MoneyAmount Amount, DateTimeOffset At);

public enum RefundClaimStatus
{
    /// <summary>Recorded; the provider has not been asked yet (or its answer was lost: asking again is safe).</summary>
    Requested,

    /// <summary>The provider accepted it (its refund id is known); the money goes back when the provider reports it.</summary>
    Submitted,

    /// <summary>The provider refused or failed it.</summary>
    Failed,
}

/// <summary>A refund asked of this payment (by Ticketing, an organizer, or the payment itself for an excess), once per request id.</summary>
public sealed record RefundClaim(
    string RequestId,
    MoneyAmount Amount,
    string Reason,
    RefundClaimStatus Status,
    string? ProviderRefundId,
    DateTimeOffset RequestedAt);

/// <summary>
/// One attempt to pay an order through one provider, and its state machine. <see cref="Amount"/> is what
/// the provider collects (cents, paise, satoshis); <see cref="Settles"/> is the order's total it pays.
/// Observations (<see cref="PaymentObservation"/>) move it forward only, each counted once, whatever
/// their order and however often they arrive; <see cref="Apply"/> says what other areas must hear.
/// </summary>
public sealed record Payment
{
    public required string Id { get; init; }

    public required string OrderId { get; init; }

    public required string EventId { get; init; }

    public required string BuyerId { get; init; }

    /// <summary>The provider's id (stripe, razorpay, ...).</summary>
    public required string Provider { get; init; }

    /// <summary>What the provider collects, in its currency.</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>The order's total this payment pays, in the order's currency.</summary>
    public required MoneyAmount Settles { get; init; }

    /// <summary>The locked rate when <see cref="Amount"/> is in another currency than <see cref="Settles"/>.</summary>
    public PaymentQuote? Quote { get; init; }

    public required PaymentStatus Status { get; init; }

    public PaymentExceptions Exceptions { get; init; }

    /// <summary>The provider's id of what it created for this payment (PaymentIntent, Checkout Session, order, invoice, address).</summary>
    public string? ProviderReference { get; init; }

    /// <summary>Money arriving later than this is late (the order's deadline, or the quote's expiry if sooner).</summary>
    public required DateTimeOffset Deadline { get; init; }

    public IReadOnlyList<MoneyEntry> Receipts { get; init; } = [];

    public IReadOnlyList<MoneyEntry> Refunds { get; init; } = [];

    public IReadOnlyList<RefundClaim> RefundClaims { get; init; } = [];

    /// <summary>What this payment owes back on its own account (an excess, or everything when it expired part paid), in <see cref="Amount"/>'s currency.</summary>
    public long OwedBackMinor { get; init; }

    /// <summary>How much of <see cref="Refunded"/> was reported to Ticketing as a refund of the order, in <see cref="Amount"/>'s currency.</summary>
    public long ReportedRefundMinor { get; init; }

    public string? FailureReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SucceededAt { get; init; }

    public required long Version { get; init; }

    /// <summary>Everything that arrived.</summary>
    public MoneyAmount Received => Sum(Receipts);

    /// <summary>Everything that went back.</summary>
    public MoneyAmount Refunded => Sum(Refunds);

    /// <summary>What a new refund request may still ask for: what arrived, less what was asked back already (failed requests don't count).</summary>
    public MoneyAmount Refundable => Received.MinusClamped(new MoneyAmount(RefundClaims.Where(c => c.Status != RefundClaimStatus.Failed).Sum(c => c.Amount.Minor), Amount.Currency));

    /// <summary>A new payment of an order's total (or of a quote of it) through <paramref name="provider"/>.</summary>
    public static Payment Create(string id, string orderId, string eventId, string buyerId, string provider, MoneyAmount settles, PaymentQuote? quote, DateTimeOffset orderDeadline, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        var deadline = quote is not null && quote.ExpiresAt < orderDeadline ? quote.ExpiresAt : orderDeadline;
        return new Payment
        {
            Id = id,
            OrderId = orderId,
            EventId = eventId,
            BuyerId = buyerId,
            Provider = provider,
            Amount = quote?.Amount ?? settles,
            Settles = settles,
            Quote = quote,
            Status = PaymentStatus.Created,
            Deadline = deadline,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }

    /// <summary>
    /// The provider created what the buyer pays with (<paramref name="providerReference"/>); a quote, when the
    /// provider collects another currency, sets the amount and may bring the deadline forward.
    /// </summary>
    public Payment Started(string providerReference, PaymentQuote? quote, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerReference);
        return this with
        {
            ProviderReference = providerReference,
            Quote = quote ?? Quote,
            Amount = quote?.Amount ?? Amount,
            Deadline = quote is not null && quote.ExpiresAt < Deadline ? quote.ExpiresAt : Deadline,
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    /// <summary><paramref name="amount"/> (in <see cref="Amount"/>'s currency) in the order's currency, rounded down.</summary>
    public MoneyAmount ToSettles(MoneyAmount amount) =>
        Quote?.ToSettles(amount) ?? (Amount.Currency == Settles.Currency ? amount : PaymentQuote.Scale(amount, Amount, Settles));

    /// <summary><paramref name="settles"/> (in the order's currency) in <see cref="Amount"/>'s currency, rounded down.</summary>
    public MoneyAmount ToAmount(MoneyAmount settles) =>
        Quote?.ToAmount(settles) ?? (Amount.Currency == Settles.Currency ? settles : PaymentQuote.Scale(settles, Settles, Amount));

    /// <summary>
    /// What <paramref name="observation"/> does to this payment, and what other areas must hear of it.
    /// Unchanged (<see cref="PaymentChange.Changed"/> false) for a duplicate, a stale observation, or one
    /// in another currency (a provider's mistake: it is reported in <see cref="PaymentChange.Ignored"/>).
    /// </summary>
    public PaymentChange Apply(PaymentObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var effects = new List<PaymentEffect>();
        var next = this;
        switch (observation)
        {
            case PaymentObservation.Pending:
                if (PaymentStatuses.Rank(PaymentStatus.Pending) > PaymentStatuses.Rank(Status))
                {
                    next = next with { Status = PaymentStatus.Pending };
                }

                break;
            case PaymentObservation.Failed failed:
                if (Status is PaymentStatus.Created or PaymentStatus.Pending)
                {
                    next = next with { Status = PaymentStatus.Failed, FailureReason = failed.Reason };
                    effects.Add(new PaymentEffect.Failed(PaymentIds.Derive("failed", Id), failed.Reason, failed.At));
                }

                break;
            case PaymentObservation.Expired:
                if (Status is PaymentStatus.Created or PaymentStatus.Pending or PaymentStatus.Failed)
                {
                    next = next with { Status = PaymentStatus.Expired };
                }

                break;
            case PaymentObservation.Received received:
                if (received.Amount.Currency != Amount.Currency)
                {
                    return PaymentChange.Ignore(this, $"received {received.Amount}, but the payment is in {Amount.Currency}");
                }

                next = next with { Receipts = Merge(Receipts, received.Key, received.Amount, received.At) };
                if (next.Received.Minor == Received.Minor)
                {
                    break;
                }

                next = next.AfterReceipt(received.At, effects);
                break;
            case PaymentObservation.Refunded refunded:
                if (refunded.Amount.Currency != Amount.Currency)
                {
                    return PaymentChange.Ignore(this, $"refunded {refunded.Amount}, but the payment is in {Amount.Currency}");
                }

                next = next with { Refunds = Merge(Refunds, refunded.Key, refunded.Amount, refunded.At) };
                if (next.Refunded.Minor == Refunded.Minor)
                {
                    break;
                }

                next = next.AfterRefund(refunded.At, effects);
                break;
            case PaymentObservation.RefundFailed refundFailed:
                var claim = RefundClaims.FirstOrDefault(c => c.ProviderRefundId == refundFailed.ProviderRefundId && c.Status != RefundClaimStatus.Failed);
                if (claim is not null)
                {
                    next = next with { RefundClaims = [.. RefundClaims.Select(c => c == claim ? c with { Status = RefundClaimStatus.Failed } : c)] };
                }

                break;
            default:
                throw new ArgumentException($"Unknown observation {observation.GetType().Name}.", nameof(observation));
        }

        next = next.OweBack(observation.At, effects);
        if (next == this)
        {
            return new PaymentChange(this, false, [], null);
        }

        return new PaymentChange(next with { UpdatedAt = now, Version = Version + 1 }, true, effects, null);
    }

    /// <summary>
    /// Records a refund request of <paramref name="amount"/> (in the order's currency or the payment's),
    /// once per <paramref name="requestId"/>; never more than <see cref="Refundable"/>.
    /// </summary>
    public Result<RefundClaimChange> RequestRefund(string requestId, MoneyAmount amount, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (RefundClaims.FirstOrDefault(c => c.RequestId == requestId) is { } existing)
        {
            return new RefundClaimChange(this, existing, Changed: false);
        }

        MoneyAmount inAmount;
        if (amount.Currency == Amount.Currency)
        {
            inAmount = amount;
        }
        else if (amount.Currency == Settles.Currency)
        {
            inAmount = ToAmount(amount);
        }
        else
        {
            return new ValidationFailed("amount.currency", $"must be {Settles.Currency}, the order's currency.");
        }

        if (Received.IsZero)
        {
            return new InvalidStateTransition($"{PaymentStatuses.Wire(Status)} with nothing paid", "refund the payment");
        }

        if (inAmount.IsZero)
        {
            return new ValidationFailed("amount.amount", "must be more than zero.");
        }

        if (inAmount.Minor > Refundable.Minor)
        {
            return new ValidationFailed("amount.amount", $"is more than can still be refunded ({Refundable}).");
        }

        var claim = new RefundClaim(requestId, inAmount, reason, RefundClaimStatus.Requested, null, now);
        return new RefundClaimChange(this with { RefundClaims = [.. RefundClaims, claim], UpdatedAt = now, Version = Version + 1 }, claim, Changed: true);
    }

    /// <summary>The provider accepted the refund of <paramref name="requestId"/> as <paramref name="providerRefundId"/>.</summary>
    public Payment RefundSubmitted(string requestId, string providerRefundId, DateTimeOffset now)
    {
        var claim = RefundClaims.FirstOrDefault(c => c.RequestId == requestId)
            ?? throw new InvalidOperationException($"Payment {Id} has no refund request {requestId}.");
        if (claim.Status == RefundClaimStatus.Submitted && claim.ProviderRefundId == providerRefundId)
        {
            return this;
        }

        return this with
        {
            RefundClaims = [.. RefundClaims.Select(c => c == claim ? c with { Status = RefundClaimStatus.Submitted, ProviderRefundId = providerRefundId } : c)],
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    private Payment AfterReceipt(DateTimeOffset at, List<PaymentEffect> effects)
    {
        var next = this;
        var late = at > Deadline || Status == PaymentStatus.Expired;
        if (Status == PaymentStatus.Expired && OwedBackMinor > 0)
        {
            // Expired part paid and already being refunded: whatever comes now goes back too (OweBack).
            return next;
        }

        if (Received.Minor < Amount.Minor)
        {
            next = next with { Exceptions = next.Exceptions | PaymentExceptions.Underpaid };
            if (PaymentStatuses.Rank(next.Status) < PaymentStatuses.Rank(PaymentStatus.Pending))
            {
                next = next with { Status = PaymentStatus.Pending };
            }

            return next;
        }

        next = next with { Exceptions = next.Exceptions & ~PaymentExceptions.Underpaid };
        if (Received.Minor > Amount.Minor)
        {
            next = next with { Exceptions = next.Exceptions | PaymentExceptions.Overpaid };
        }

        if (PaymentStatuses.Rank(next.Status) < PaymentStatuses.Rank(PaymentStatus.Succeeded))
        {
            next = next with
            {
                Status = PaymentStatus.Succeeded,
                SucceededAt = at,
                FailureReason = null,
                Exceptions = late ? next.Exceptions | PaymentExceptions.PaidLate : next.Exceptions,
            };
            effects.Add(new PaymentEffect.Succeeded(PaymentIds.Derive("succeeded", Id), Amount, Settles, late, at));
        }
        else if (next.Status is PaymentStatus.Refunded && next.Refunded.Minor < next.Received.Minor)
        {
            next = next with { Status = PaymentStatus.PartlyRefunded };
        }

        // A refund reported before the money (out of order) counts now that the payment succeeded.
        return next.Refunded.IsZero ? next : next.AfterRefund(at, effects);
    }

    private Payment AfterRefund(DateTimeOffset at, List<PaymentEffect> effects)
    {
        var next = this;
        if (Refunded.Minor >= Received.Minor && !Received.IsZero)
        {
            next = next with { Status = PaymentStatus.Refunded };
        }
        else if (Status == PaymentStatus.Succeeded)
        {
            next = next with { Status = PaymentStatus.PartlyRefunded };
        }

        if (SucceededAt is null)
        {
            // Ticketing never heard of this payment: nothing to report.
            return next;
        }

        // Refunds of what this payment owed back on its own account (an excess) are not refunds of the order.
        var orderRefunded = Math.Max(0, Refunded.Minor - OwedBackMinor);
        if (orderRefunded <= ReportedRefundMinor)
        {
            return next;
        }

        var delta = ToSettles(new MoneyAmount(orderRefunded - ReportedRefundMinor, Amount.Currency));
        effects.Add(new PaymentEffect.Refunded(PaymentIds.Derive("refunded", Id, PaymentIds.Part(orderRefunded)), delta, at));
        return next with { ReportedRefundMinor = orderRefunded };
    }

    /// <summary>What the payment owes back on its own account now, and a refund request for any increase.</summary>
    private Payment OweBack(DateTimeOffset at, List<PaymentEffect> effects)
    {
        long owed;
        string reason;
        if (SucceededAt is null && Status == PaymentStatus.Expired)
        {
            owed = Received.Minor;
            reason = "part paid, and the payment expired";
        }
        else if (SucceededAt is not null)
        {
            owed = Math.Max(0, Received.Minor - Amount.Minor);
            reason = "paid more than the amount asked for";
        }
        else
        {
            return this;
        }

        if (owed <= OwedBackMinor)
        {
            return this;
        }

        effects.Add(new PaymentEffect.RefundOwed(PaymentIds.Derive("owed", Id, PaymentIds.Part(owed)), new MoneyAmount(owed - OwedBackMinor, Amount.Currency), reason, at));
        return this with { OwedBackMinor = owed };
    }

    private static IReadOnlyList<MoneyEntry> Merge(IReadOnlyList<MoneyEntry> entries, string key, MoneyAmount amount, DateTimeOffset at)
    {
        var existing = entries.FirstOrDefault(e => e.Key == key);
        if (existing is null)
        {
            return [.. entries, new MoneyEntry(key, amount, at)];
        }

        return existing.Amount.Minor >= amount.Minor ? entries : [.. entries.Select(e => e == existing ? new MoneyEntry(key, amount, at) : e)];
    }

    private MoneyAmount Sum(IReadOnlyList<MoneyEntry> entries) => new(entries.Sum(e => e.Amount.Minor), Amount.Currency);

    public bool Equals(Payment? other) =>
        other is not null
        && Id == other.Id && Status == other.Status && Exceptions == other.Exceptions && Version == other.Version
        && ProviderReference == other.ProviderReference && OwedBackMinor == other.OwedBackMinor && ReportedRefundMinor == other.ReportedRefundMinor
        && FailureReason == other.FailureReason && SucceededAt == other.SucceededAt
        && Receipts.SequenceEqual(other.Receipts) && Refunds.SequenceEqual(other.Refunds) && RefundClaims.SequenceEqual(other.RefundClaims);

    public override int GetHashCode() => HashCode.Combine(Id, Status, Version);
}

/// <summary>What an observation did: the payment after it, and what other areas must hear.</summary>
public sealed record PaymentChange(Payment Payment, bool Changed, IReadOnlyList<PaymentEffect> Effects, string? Ignored)
{
    internal static PaymentChange Ignore(Payment payment, string why) => new(payment, false, [], why);
}

/// <summary>What <see cref="Payment.RequestRefund"/> did.</summary>
public sealed record RefundClaimChange(Payment Payment, RefundClaim Claim, bool Changed);

/// <summary>What other areas must hear about a payment's change (each with a deterministic id: a retry says it once).</summary>
public abstract record PaymentEffect(string Id, DateTimeOffset At)
{
    /// <summary>The money arrived: Ticketing issues the tickets (or, when late, decides).</summary>
    public sealed record Succeeded(string Id, MoneyAmount Paid, MoneyAmount Settles, bool Late, DateTimeOffset At) : PaymentEffect(Id, At);

    /// <summary>An attempt failed.</summary>
    public sealed record Failed(string Id, string Reason, DateTimeOffset At) : PaymentEffect(Id, At);

    /// <summary>Money of the order went back to the buyer: <paramref name="Settles"/> in the order's currency.</summary>
    public sealed record Refunded(string Id, MoneyAmount Settles, DateTimeOffset At) : PaymentEffect(Id, At);

    /// <summary>The payment owes <paramref name="Amount"/> back on its own account (an excess, or a part payment that expired): refund it.</summary>
    public sealed record RefundOwed(string Id, MoneyAmount Amount, string Reason, DateTimeOffset At) : PaymentEffect(Id, At);
}
