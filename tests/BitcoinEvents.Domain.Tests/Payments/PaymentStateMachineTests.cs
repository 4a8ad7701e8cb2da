using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Tests.Payments;

public sealed class PaymentStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Now.AddMinutes(15);

    private static Payment NewPayment(long amount = 5000, string currency = "EUR") =>
        Payment.Create(PaymentIds.Derive("p", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), "order-1", "event-1", "buyer-1", "stripe", new MoneyAmount(amount, currency), null, Deadline, Now)
            .Started("pi_1", null, Now);

    private static MoneyAmount Eur(long minor) => new(minor, "EUR");

    private static (Payment Payment, List<PaymentEffect> Effects) ApplyAll(Payment payment, IEnumerable<PaymentObservation> observations)
    {
        var effects = new List<PaymentEffect>();
        foreach (var observation in observations)
        {
            var change = payment.Apply(observation, Now);
            payment = change.Payment;
            effects.AddRange(change.Effects);
        }

        return (payment, effects);
    }

    [Fact]
    public void Received_TheAmount_Succeeds_AndTellsTicketingOnce()
    {
        var (payment, effects) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now.AddMinutes(1))]);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        var succeeded = Assert.IsType<PaymentEffect.Succeeded>(Assert.Single(effects));
        Assert.Equal(Eur(5000), succeeded.Settles);
        Assert.False(succeeded.Late);
    }

    [Fact]
    public void TheSameReceipt_Again_ChangesNothing()
    {
        var (payment, _) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now)]);

        var again = payment.Apply(new PaymentObservation.Received("pi_1", Eur(5000), Now), Now);

        Assert.False(again.Changed);
        Assert.Empty(again.Effects);
        Assert.Same(payment, again.Payment);
    }

    [Fact]
    public void StaleObservations_AfterSuccess_NeverMoveItBack()
    {
        var (payment, _) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now)]);

        foreach (var stale in new PaymentObservation[] { new PaymentObservation.Pending(Now), new PaymentObservation.Failed("card_declined", Now), new PaymentObservation.Expired(Now) })
        {
            var change = payment.Apply(stale, Now);
            Assert.False(change.Changed);
            Assert.Equal(PaymentStatus.Succeeded, change.Payment.Status);
        }
    }

    [Fact]
    public void RazorpayUpi_FailedThenCaptured_EndsCaptured()
    {
        var (payment, effects) = ApplyAll(NewPayment(50000, "INR"),
        [
            new PaymentObservation.Failed("payment_failed", Now),
            new PaymentObservation.Received("pay_A", new MoneyAmount(50000, "INR"), Now.AddSeconds(30)),
        ]);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Null(payment.FailureReason);
        Assert.Equal([typeof(PaymentEffect.Failed), typeof(PaymentEffect.Succeeded)], effects.Select(e => e.GetType()));
    }

    [Fact]
    public void EveryOrderOfTheSameObservations_EndsInTheSameState_AndSucceedsOnce()
    {
        PaymentObservation[] observations =
        [
            new PaymentObservation.Pending(Now),
            new PaymentObservation.Failed("card_declined", Now),
            new PaymentObservation.Received("pi_1", Eur(5000), Now.AddMinutes(1)),
            new PaymentObservation.Received("pi_1", Eur(5000), Now.AddMinutes(1)),
            new PaymentObservation.Refunded("ch_1", Eur(2000), Now.AddMinutes(5)),
        ];
        var outcomes = new HashSet<(PaymentStatus, long, long)>();
        foreach (var order in Permutations(observations))
        {
            var (payment, effects) = ApplyAll(NewPayment(), order);
            Assert.Single(effects.OfType<PaymentEffect.Succeeded>());
            outcomes.Add((payment.Status, payment.Received.Minor, payment.Refunded.Minor));
        }

        Assert.Equal((PaymentStatus.PartlyRefunded, 5000L, 2000L), Assert.Single(outcomes));
    }

    [Fact]
    public void TwoCaptures_AreTwoReceipts_AndTheExcessIsOwedBackOnce()
    {
        var (payment, effects) = ApplyAll(NewPayment(50000, "INR"),
        [
            new PaymentObservation.Received("pay_A", new MoneyAmount(50000, "INR"), Now),
            new PaymentObservation.Received("pay_B", new MoneyAmount(50000, "INR"), Now),
            new PaymentObservation.Received("pay_B", new MoneyAmount(50000, "INR"), Now),
        ]);

        Assert.Equal(100000, payment.Received.Minor);
        Assert.True(payment.Exceptions.HasFlag(PaymentExceptions.Overpaid));
        var owed = Assert.Single(effects.OfType<PaymentEffect.RefundOwed>());
        Assert.Equal(new MoneyAmount(50000, "INR"), owed.Amount);
        Assert.Single(effects.OfType<PaymentEffect.Succeeded>());
    }

    [Fact]
    public void Underpaid_ThenToppedUp_Succeeds_WithoutOwingAnything()
    {
        var (underpaid, first) = ApplyAll(NewPayment(), [new PaymentObservation.Received("tx1", Eur(3000), Now)]);
        Assert.Equal(PaymentStatus.Pending, underpaid.Status);
        Assert.True(underpaid.Exceptions.HasFlag(PaymentExceptions.Underpaid));
        Assert.Empty(first);

        var (paid, effects) = ApplyAll(underpaid, [new PaymentObservation.Received("tx2", Eur(2000), Now.AddMinutes(2))]);

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.False(paid.Exceptions.HasFlag(PaymentExceptions.Underpaid));
        Assert.IsType<PaymentEffect.Succeeded>(Assert.Single(effects));
    }

    [Fact]
    public void Underpaid_ThenExpired_OwesBackWhatArrived_AndNeverSucceeds()
    {
        var (payment, effects) = ApplyAll(NewPayment(),
        [
            new PaymentObservation.Received("tx1", Eur(3000), Now),
            new PaymentObservation.Expired(Deadline),
            new PaymentObservation.Received("tx2", Eur(2000), Deadline.AddMinutes(1)),
        ]);

        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Empty(effects.OfType<PaymentEffect.Succeeded>());
        Assert.Equal(5000, effects.OfType<PaymentEffect.RefundOwed>().Sum(e => e.Amount.Minor));
    }

    [Fact]
    public void PaidAfterTheDeadline_SucceedsLate_ForTicketingToDecide()
    {
        var (payment, effects) = ApplyAll(NewPayment(), [new PaymentObservation.Expired(Deadline), new PaymentObservation.Received("pi_1", Eur(5000), Deadline.AddMinutes(3))]);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.True(payment.Exceptions.HasFlag(PaymentExceptions.PaidLate));
        Assert.True(Assert.Single(effects.OfType<PaymentEffect.Succeeded>()).Late);
    }

    [Fact]
    public void Refunds_ReportEachIncreaseOnce_AndAFullRefundEndsRefunded()
    {
        var (paid, _) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now)]);

        // A charge's running refunded total, reported twice and out of order.
        var (payment, effects) = ApplyAll(paid,
        [
            new PaymentObservation.Refunded("ch_1", Eur(2000), Now),
            new PaymentObservation.Refunded("ch_1", Eur(5000), Now),
            new PaymentObservation.Refunded("ch_1", Eur(2000), Now),
            new PaymentObservation.Refunded("ch_1", Eur(5000), Now),
        ]);

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        var refunds = effects.OfType<PaymentEffect.Refunded>().ToList();
        Assert.Equal([2000L, 3000L], refunds.Select(r => r.Settles.Minor));
        Assert.Equal(2, refunds.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void RefundOfTheExcess_IsNotReportedAsARefundOfTheOrder()
    {
        var (payment, effects) = ApplyAll(NewPayment(),
        [
            new PaymentObservation.Received("tx1", Eur(6000), Now),
            new PaymentObservation.Refunded("re_excess", Eur(1000), Now),
        ]);

        Assert.Equal(1000, payment.OwedBackMinor);
        Assert.Empty(effects.OfType<PaymentEffect.Refunded>());
    }

    [Fact]
    public void RefundRequests_NeverExceedWhatWasPaid_AndAreIdempotentByRequestId()
    {
        var (paid, _) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now)]);

        var first = paid.RequestRefund("r1", Eur(3000), "cancelled", Now);
        Assert.True(first.IsSuccess);
        var again = first.Value.Payment.RequestRefund("r1", Eur(3000), "cancelled", Now);
        Assert.False(again.Value.Changed);

        var tooMuch = first.Value.Payment.RequestRefund("r2", Eur(2001), "more", Now);
        var error = Assert.IsType<ValidationFailed>(tooMuch.Error);
        Assert.Equal("amount.amount", Assert.Single(error.Errors).Field);

        Assert.True(first.Value.Payment.RequestRefund("r3", Eur(2000), "the rest", Now).IsSuccess);
    }

    [Fact]
    public void ARefundRequest_OfAnUnpaidPayment_IsAnInvalidTransition()
    {
        Assert.IsType<InvalidStateTransition>(NewPayment().RequestRefund("r1", Eur(100), "no", Now).Error);
    }

    [Fact]
    public void AFailedRefund_FreesItsAmountForAnotherRequest()
    {
        var (paid, _) = ApplyAll(NewPayment(), [new PaymentObservation.Received("pi_1", Eur(5000), Now)]);
        var requested = paid.RequestRefund("r1", Eur(5000), "cancelled", Now).Value.Payment.RefundSubmitted("r1", "re_1", Now);
        Assert.True(requested.Refundable.IsZero);

        var failed = requested.Apply(new PaymentObservation.RefundFailed("re_1", "expired_or_canceled_card", Now), Now).Payment;

        Assert.Equal(5000, failed.Refundable.Minor);
    }

    [Fact]
    public void ObservationsInAnotherCurrency_AreIgnored_AndSaySo()
    {
        var change = NewPayment().Apply(new PaymentObservation.Received("pi_1", new MoneyAmount(5000, "USD"), Now), Now);

        Assert.False(change.Changed);
        Assert.NotNull(change.Ignored);
    }

    [Fact]
    public void AQuote_ConvertsWithIntegersOnly_RoundingDown()
    {
        var quote = new PaymentQuote(Eur(5000), new MoneyAmount(83_333, "BTC"), "test", Now, Now.AddMinutes(10));

        Assert.Equal(new MoneyAmount(16_666, "BTC"), quote.ToAmount(Eur(1000)));
        Assert.Equal(Eur(999), quote.ToSettles(new MoneyAmount(16_666, "BTC")));
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
