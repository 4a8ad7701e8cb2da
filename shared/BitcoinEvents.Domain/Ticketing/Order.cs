using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

public enum OrderStatus
{
    /// <summary>Waiting for payment until <see cref="Order.PaymentDeadline"/>; holds its seats.</summary>
    Pending,

    /// <summary>Paid (or free, or complimentary): its tickets are issued.</summary>
    Paid,

    /// <summary>Not paid in time; its seats went back.</summary>
    Expired,

    /// <summary>Cancelled by the buyer or the organizer; tickets void, seats back, a refund requested for what was paid.</summary>
    Cancelled,

    /// <summary>Everything paid was refunded.</summary>
    Refunded,
}

/// <summary>
/// A line of an order. Tickets now (<see cref="TicketKind"/>: the item is a ticket type, one holder
/// name per seat); merch lines will share the same shape (the item a variant, no holders).
/// </summary>
public sealed record OrderLine(
    string Kind,
    string ItemId,
    string Description,
    int Quantity,
    MoneyAmount UnitPrice,
    MoneyAmount Discount,
    IReadOnlyList<string> HolderNames)
{
    public const string TicketKind = "ticket";

    public MoneyAmount Subtotal => UnitPrice.Times(Quantity);
}

/// <summary>A payment applied to an order, as Payments reported it.</summary>
public sealed record OrderPayment(string PaymentId, string Provider, MoneyAmount Amount, DateTimeOffset At);

/// <summary>A refund of an order, as Payments reported it.</summary>
public sealed record OrderRefund(string RefundId, string PaymentId, MoneyAmount Amount, DateTimeOffset At);

/// <summary>
/// What a buyer owes and holds: lines, a server-computed total in one currency, the seats taken
/// (given back if it expires or is cancelled), and what Payments reported. Its status only moves
/// forward: Pending → Paid | Expired | Cancelled; Paid → Cancelled | Refunded; Cancelled → Refunded.
/// </summary>
public sealed record Order
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string BuyerId { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required MoneyAmount Subtotal { get; init; }

    public required MoneyAmount Discount { get; init; }

    public required MoneyAmount Total { get; init; }

    public required OrderStatus Status { get; init; }

    /// <summary>Issued by the organizer at no charge.</summary>
    public bool Complimentary { get; init; }

    public string? HoldId { get; init; }

    public string? VoucherCode { get; init; }

    /// <summary>The seats it holds (given back on expiry or cancellation).</summary>
    public required IReadOnlyList<QuotaTake> Allocations { get; init; }

    /// <summary>Pending until then; a payment after it is late.</summary>
    public required DateTimeOffset PaymentDeadline { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? PaidAt { get; init; }

    public IReadOnlyList<OrderPayment> Payments { get; init; } = [];

    public IReadOnlyList<OrderRefund> Refunds { get; init; } = [];

    /// <summary>How much a refund was requested for (cancellation, late or double payment), in the order's currency.</summary>
    public MoneyAmount? RefundRequested { get; init; }

    public IReadOnlyList<string> TicketIds { get; init; } = [];

    public DateTimeOffset? CancelledAt { get; init; }

    public string? CancellationReason { get; init; }

    public required long Version { get; init; }

    public int Quantity => Lines.Sum(l => l.Quantity);

    /// <summary>What the order's payments brought in, in the order's currency (what they settled).</summary>
    public MoneyAmount AmountPaid => Payments.Aggregate(MoneyAmount.Zero(Total.Currency), (sum, p) => sum.Plus(p.Amount));

    public MoneyAmount AmountRefunded => Refunds.Aggregate(MoneyAmount.Zero(Total.Currency), (sum, r) => sum.Plus(r.Amount));

    /// <summary>
    /// The order a hold becomes at checkout: one holder name per seat (<paramref name="attendees"/>
    /// in the hold's line order: for each line, its quantity of names). A free order is paid at once.
    /// </summary>
    public static Result<Order> FromHold(string orderId, Hold hold, CheckoutRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(request);
        return HolderNames.ForLines(hold.Lines.Select(l => (l.TicketTypeId, l.Quantity)).ToList(), request.Attendees).Then<Order>(names =>
        {
            var lines = hold.Lines.Select((l, i) => new OrderLine(OrderLine.TicketKind, l.TicketTypeId, l.TypeName, l.Quantity, l.UnitPrice, l.Discount, names[i])).ToList();
            var free = hold.Total.IsZero;
            return new Order
            {
                Id = orderId,
                EventId = hold.EventId,
                BuyerId = hold.OwnerId,
                Lines = lines,
                Subtotal = hold.Subtotal,
                Discount = hold.Discount,
                Total = hold.Total,
                Status = free ? OrderStatus.Paid : OrderStatus.Pending,
                HoldId = hold.Id,
                VoucherCode = hold.VoucherCode,
                Allocations = hold.Allocations,
                PaymentDeadline = hold.ExpiresAt,
                CreatedAt = now,
                UpdatedAt = now,
                PaidAt = free ? now : null,
                Version = 1,
            };
        });
    }

    /// <summary>A complimentary order the organizer issues: paid at once at no charge, for <paramref name="buyerId"/>.</summary>
    public static Order ForComplimentary(string orderId, string eventId, string buyerId, IReadOnlyList<OrderLine> lines, IReadOnlyList<QuotaTake> allocations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var currency = lines[0].UnitPrice.Currency;
        var zero = MoneyAmount.Zero(currency);
        return new Order
        {
            Id = orderId,
            EventId = eventId,
            BuyerId = buyerId,
            Lines = [.. lines.Select(l => l with { UnitPrice = zero, Discount = zero })],
            Subtotal = zero,
            Discount = zero,
            Total = zero,
            Status = OrderStatus.Paid,
            Complimentary = true,
            Allocations = allocations,
            PaymentDeadline = now,
            CreatedAt = now,
            UpdatedAt = now,
            PaidAt = now,
            Version = 1,
        };
    }

    /// <summary>Payment failed: nothing changes (the buyer may pay again until the deadline); returns whether it applies at all.</summary>
    public bool IsAwaitingPayment(DateTimeOffset now) => Status == OrderStatus.Pending && PaymentDeadline > now;

    /// <summary>
    /// What a reported successful payment does, whatever order and however often reports arrive.
    /// <paramref name="settles"/> is the amount in the order's currency the payment covers.
    /// </summary>
    public PaymentOutcome ApplyPayment(string paymentId, string provider, MoneyAmount settles, DateTimeOffset at, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentId);
        if (Payments.Any(p => p.PaymentId == paymentId) || Refunds.Any(r => r.PaymentId == paymentId))
        {
            return new PaymentOutcome.AlreadyApplied();
        }

        var payment = new OrderPayment(paymentId, provider, settles, at);
        if (settles.Currency != Total.Currency || settles.Minor < Total.Minor)
        {
            // Never issue tickets for less than the total: what came in goes back.
            return new PaymentOutcome.RefundIt(Record(payment, now), settles, $"paid {settles} for an order of {Total}");
        }

        switch (Status)
        {
            case OrderStatus.Pending:
                // Paid while it still holds its seats (even a little after the deadline, before expiry ran): honoured.
                return new PaymentOutcome.Paid(Record(payment, now) with { Status = OrderStatus.Paid, PaidAt = at });
            case OrderStatus.Expired:
                return new PaymentOutcome.PaidLate(Record(payment, now));
            case OrderStatus.Paid:
                return new PaymentOutcome.RefundIt(Record(payment, now), settles, "the order was already paid");
            default:
                return new PaymentOutcome.RefundIt(Record(payment, now), settles, $"the order is {Status.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>A late payment for which seats were taken again: paid now.</summary>
    public Order PaidAfterRetake(IReadOnlyList<QuotaTake> allocations, DateTimeOffset at, DateTimeOffset now) =>
        this with { Status = OrderStatus.Paid, Allocations = allocations, PaidAt = at, UpdatedAt = now, Version = Version + 1 };

    /// <summary>A late payment for which no seats were left: the order stays expired and the money goes back.</summary>
    public Order RefundLatePayment(MoneyAmount amount, DateTimeOffset now) =>
        this with { RefundRequested = (RefundRequested ?? MoneyAmount.Zero(Total.Currency)).Plus(amount), UpdatedAt = now, Version = Version + 1 };

    /// <summary>Pending past its deadline → expired (its seats are given back by the caller).</summary>
    public Result<Order> Expire(DateTimeOffset now)
    {
        if (Status != OrderStatus.Pending)
        {
            return new InvalidStateTransition(Status.ToString().ToLowerInvariant(), "expire the order");
        }

        if (PaymentDeadline > now)
        {
            return new InvalidStateTransition("still within its payment deadline", "expire the order");
        }

        return this with { Status = OrderStatus.Expired, UpdatedAt = now, Version = Version + 1 };
    }

    /// <summary>
    /// Cancels a pending or paid order; a paid one asks for a refund of what was paid and not yet
    /// refunded or asked back: all of it when the organizer cancels, <paramref name="refundPercent"/>
    /// of it (rounded to the minor unit) when the buyer does. <paramref name="byOrganizer"/>: the
    /// organizer may always; the buyer only until the event's refund deadline
    /// (<paramref name="refundDeadline"/>; null: buyers can't cancel a paid order).
    /// </summary>
    public Result<Order> Cancel(bool byOrganizer, DateTimeOffset? refundDeadline, string? reason, DateTimeOffset now, int refundPercent = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(refundPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(refundPercent, 100);
        if (Status is not (OrderStatus.Pending or OrderStatus.Paid))
        {
            return new InvalidStateTransition(Status.ToString().ToLowerInvariant(), "cancel the order");
        }

        if (Status == OrderStatus.Paid && !byOrganizer && !Complimentary)
        {
            if (refundDeadline is null)
            {
                return new InvalidStateTransition("not refundable (the organizer's policy)", "cancel the order");
            }

            if (now > refundDeadline)
            {
                return new InvalidStateTransition($"past the refund deadline of {refundDeadline:u}", "cancel the order");
            }
        }

        var checkedReason = CheckCancellationReason(reason);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error;
        }

        var text = checkedReason.Value;

        var owed = AmountPaid.MinusClamped(AmountRefunded).MinusClamped(RefundRequested ?? MoneyAmount.Zero(Total.Currency));
        if (!byOrganizer)
        {
            owed = owed.Percent(refundPercent);
        }

        return this with
        {
            Status = OrderStatus.Cancelled,
            CancelledAt = now,
            CancellationReason = text ?? (byOrganizer ? "Cancelled by the organizer." : "Cancelled by the buyer."),
            RefundRequested = owed.IsZero ? RefundRequested : (RefundRequested ?? MoneyAmount.Zero(Total.Currency)).Plus(owed),
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    /// <summary>A cancellation's reason as given: optional (blank is none), visible text, at most 500 characters.</summary>
    public static Result<string?> CheckCancellationReason(string? reason)
    {
        var errors = new List<FieldError>();
        var text = Text.Optional(reason, "reason", TicketingRules.CancellationReasonMaxLength, errors, multiline: true);
        return errors.Count > 0 ? new ValidationFailed(errors) : text;
    }

    /// <summary>
    /// A refund Payments reports (idempotent by refund id). When everything paid is refunded, a paid
    /// or cancelled order becomes Refunded; <see cref="RefundOutcome.VoidTickets"/> says a still-paid
    /// order lost its payment (a full refund outside a cancellation: its tickets must stop working).
    /// </summary>
    public RefundOutcome ApplyRefund(string refundId, string paymentId, MoneyAmount amount, DateTimeOffset at, DateTimeOffset now)
    {
        if (Refunds.Any(r => r.RefundId == refundId))
        {
            return new RefundOutcome(this, Changed: false, VoidTickets: false);
        }

        var refunds = Refunds.Append(new OrderRefund(refundId, paymentId, amount.Currency == Total.Currency ? amount : MoneyAmount.Zero(Total.Currency), at)).ToList();
        var next = this with { Refunds = refunds, UpdatedAt = now, Version = Version + 1 };
        var fullyRefunded = !next.AmountPaid.IsZero && next.AmountRefunded.Minor >= next.AmountPaid.Minor;
        if (fullyRefunded && Status is OrderStatus.Paid or OrderStatus.Cancelled)
        {
            return new RefundOutcome(next with { Status = OrderStatus.Refunded }, Changed: true, VoidTickets: Status == OrderStatus.Paid);
        }

        return new RefundOutcome(next, Changed: true, VoidTickets: false);
    }

    private Order Record(OrderPayment payment, DateTimeOffset now) =>
        this with { Payments = [.. Payments, payment], UpdatedAt = now, Version = Version + 1 };
}

/// <summary>What a successful payment does to an order.</summary>
public abstract record PaymentOutcome
{
    private PaymentOutcome()
    {
    }

    /// <summary>Reported before: nothing changes.</summary>
    public sealed record AlreadyApplied : PaymentOutcome;

    /// <summary>Pending → paid: issue its tickets.</summary>
    public sealed record Paid(Order Order) : PaymentOutcome;

    /// <summary>The order had expired: take seats again if there are some (then paid), else refund.</summary>
    public sealed record PaidLate(Order Order) : PaymentOutcome;

    /// <summary>The payment can't buy anything (already paid, cancelled, too little): refund it.</summary>
    public sealed record RefundIt(Order Order, MoneyAmount Amount, string Reason) : PaymentOutcome;
}

/// <summary>What a refund did to an order.</summary>
public sealed record RefundOutcome(Order Order, bool Changed, bool VoidTickets);

/// <summary>Checkout as the client sent it: the holder of each seat.</summary>
public sealed record CheckoutRequest
{
    public IReadOnlyList<AttendeeInput>? Attendees { get; init; }
}

/// <summary>One seat's holder.</summary>
public sealed record AttendeeInput
{
    public string? TicketTypeId { get; init; }

    public string? Name { get; init; }
}

/// <summary>Matches holder names to seats: for each line, exactly its quantity of names for its type.</summary>
public static class HolderNames
{
    public const string Field = "attendees";

    public static Result<IReadOnlyList<IReadOnlyList<string>>> ForLines(IReadOnlyList<(string TicketTypeId, int Quantity)> lines, IReadOnlyList<AttendeeInput>? attendees)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new List<FieldError>();
        var given = attendees ?? [];
        var wanted = lines.Sum(l => l.Quantity);
        if (given.Count != wanted)
        {
            errors.Add(new(Field, $"must name one attendee per ticket: {wanted} in all."));
            return new ValidationFailed(errors);
        }

        var names = lines.Select(_ => new List<string>()).ToList();
        for (var i = 0; i < given.Count; i++)
        {
            var attendee = given[i];
            var line = attendee?.TicketTypeId is { } typeId ? lines.ToList().FindIndex(l => l.TicketTypeId == typeId) : -1;
            if (attendee is null || line < 0)
            {
                errors.Add(new($"{Field}[{i}].ticketTypeId", "is not a ticket type of this hold."));
                continue;
            }

            var name = Text.Required(attendee.Name, $"{Field}[{i}].name", TicketingRules.HolderNameMaxLength, errors);
            if (name is not null)
            {
                names[line].Add(name);
            }
        }

        for (var l = 0; l < lines.Count && errors.Count == 0; l++)
        {
            if (names[l].Count != lines[l].Quantity)
            {
                errors.Add(new(Field, $"names {names[l].Count} attendees for ticket type {lines[l].TicketTypeId}, which has {lines[l].Quantity} seats."));
            }
        }

        return errors.Count > 0 ? new ValidationFailed(errors) : names.Select(n => (IReadOnlyList<string>)n).ToList();
    }
}
