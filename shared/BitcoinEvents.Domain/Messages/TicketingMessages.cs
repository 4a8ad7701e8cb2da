namespace BitcoinEvents.Domain.Messages;

/// <summary>Ticketing: an order was placed and awaits payment until <see cref="PaymentDeadline"/>.</summary>
public sealed record OrderPlacedV1(
    string OrderId,
    string EventId,
    string BuyerId,
    MoneyDto Total,
    DateTimeOffset PaymentDeadline) : IDomainEvent
{
    public static string EventType => "OrderPlaced";

    public static int EventVersion => 1;
}

/// <summary>
/// One issued ticket, as the messages about it carry it. <see cref="QrToken"/> is the ticket's signed
/// compact JWS (what its QR code encodes; docs/ticket-signing.md), so a consumer can render the QR
/// without reading Ticketing's table; absent when the ticket could not be signed at issue.
/// </summary>
public sealed record IssuedTicketV1(string TicketId, string TicketTypeId, string TypeName, string HolderName, string? QrToken = null);

/// <summary>Ticketing: an order is paid (or free, or complimentary) and its tickets are issued.</summary>
public sealed record OrderPaidV1(
    string OrderId,
    string EventId,
    string BuyerId,
    MoneyDto Total,
    IReadOnlyList<IssuedTicketV1> Tickets,
    DateTimeOffset PaidAt) : IDomainEvent
{
    public static string EventType => "OrderPaid";

    public static int EventVersion => 1;
}

/// <summary>Ticketing: a pending order was not paid in time; its seats went back.</summary>
public sealed record OrderExpiredV1(string OrderId, string EventId, string BuyerId, DateTimeOffset ExpiredAt) : IDomainEvent
{
    public static string EventType => "OrderExpired";

    public static int EventVersion => 1;
}

/// <summary>Ticketing: an order was cancelled (its tickets are void).</summary>
public sealed record OrderCancelledV1(string OrderId, string EventId, string BuyerId, string Reason, bool ByOrganizer, DateTimeOffset CancelledAt) : IDomainEvent
{
    public static string EventType => "OrderCancelled";

    public static int EventVersion => 1;
}

/// <summary>
/// Ticketing → Payments: give <see cref="Amount"/> of an order back to the buyer (a cancellation, a
/// late or double payment). <see cref="RequestId"/> is deterministic: the same request twice is one refund.
/// </summary>
public sealed record RefundRequestedV1(
    string RequestId,
    string OrderId,
    string? PaymentId,
    MoneyDto Amount,
    string Reason,
    DateTimeOffset RequestedAt) : IDomainEvent
{
    public static string EventType => "RefundRequested";

    public static int EventVersion => 1;
}

/// <summary>Ticketing: a ticket has a new holder (the old QR no longer scans).</summary>
public sealed record TicketReassignedV1(
    string TicketId,
    string EventId,
    string OwnerId,
    string PreviousHolderName,
    string HolderName,
    DateTimeOffset ReassignedAt,
    string? QrToken = null) : IDomainEvent
{
    public static string EventType => "TicketReassigned";

    public static int EventVersion => 1;
}

/// <summary>Ticketing: seats freed for a waiting attendee, held for them until <see cref="ExpiresAt"/>.</summary>
public sealed record WaitingListOfferedV1(
    string EntryId,
    string HoldId,
    string EventId,
    string TicketTypeId,
    string OwnerId,
    int Quantity,
    DateTimeOffset ExpiresAt) : IDomainEvent
{
    public static string EventType => "WaitingListOffered";

    public static int EventVersion => 1;
}
