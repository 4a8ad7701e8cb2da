using BitcoinEvents.Domain.Messages;

namespace BitcoinEvents.Notifications.Contracts;

/// <summary>
/// One notification to deliver to one recipient, on the area's deliveries queue (the On&lt;Event&gt;
/// consumers and the reminder job put them there; DeliverNotification sends them). Delivered at
/// least once: <see cref="NoticeId"/> with the recipient and the channel is what is sent exactly
/// once. Only ids and what the templates show travel here, never an address or a phone number.
/// </summary>
/// <param name="NoticeId">What makes the notice unique for its recipient: the domain event's id, or the reminder's.</param>
/// <param name="Kind">The kind's name (<c>orderConfirmation</c>, …).</param>
/// <param name="RecipientId">The recipient's user id (Cognito <c>sub</c>).</param>
/// <param name="EventId">The event it is about (its title, venue and times come from the catalog when sent).</param>
/// <param name="OccurredAt">When what it tells happened.</param>
/// <param name="Details">What the kind's templates show.</param>
public sealed record NotificationRequestV1(
    string NoticeId,
    string Kind,
    string RecipientId,
    string EventId,
    DateTimeOffset OccurredAt,
    NoticeDetails Details);

/// <summary>The parts of a notice its kind uses; the others are null.</summary>
public sealed record NoticeDetails
{
    public string? OrderId { get; init; }

    /// <summary>An order's total, a refund's amount.</summary>
    public MoneyDto? Amount { get; init; }

    public IReadOnlyList<NoticeTicket>? Tickets { get; init; }

    /// <summary>Why: a payment failed, an order or event was cancelled.</summary>
    public string? Reason { get; init; }

    public bool? ByOrganizer { get; init; }

    /// <summary>A waiting-list offer's deadline; a pending order's payment deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public string? HoldId { get; init; }

    public int? Quantity { get; init; }

    public string? PreviousHolderName { get; init; }

    /// <summary>What changed about an event: "time", "venue".</summary>
    public IReadOnlyList<string>? Changed { get; init; }

    /// <summary>How many tickets the recipient holds for the event (reminders, cancellations).</summary>
    public int? TicketCount { get; init; }
}

/// <summary>A ticket as a notice shows it: its QR code is drawn from <see cref="QrToken"/> (the signed JWS) when there is one.</summary>
public sealed record NoticeTicket(string TicketId, string TypeName, string HolderName, string? QrToken);
