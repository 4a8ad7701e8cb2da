using System.Collections.Frozen;

namespace BitcoinEvents.Domain.Notifications;

/// <summary>What a notification is about: one template per kind (subject, text, HTML, SMS).</summary>
public enum NotificationKind
{
    /// <summary>An order is paid: its tickets, each with its QR code.</summary>
    OrderConfirmation,

    /// <summary>An attempt to pay an order failed; the buyer may try again until the deadline.</summary>
    PaymentFailed,

    /// <summary>A pending order was not paid in time; its seats went back.</summary>
    OrderExpired,

    /// <summary>An order was cancelled (by the buyer or the organizer); its tickets are void.</summary>
    OrderCancelled,

    /// <summary>Money of an order went back to the buyer.</summary>
    RefundIssued,

    /// <summary>Seats are held for a waiting attendee until a deadline.</summary>
    WaitingListOffer,

    /// <summary>A ticket has a new holder: the new QR code, the old one no longer scans.</summary>
    TicketReassigned,

    /// <summary>An event the recipient holds tickets for was cancelled.</summary>
    EventCancelled,

    /// <summary>An event the recipient holds tickets for moved (time or venue).</summary>
    EventChanged,

    /// <summary>An event the recipient holds tickets for starts in about 24 hours.</summary>
    EventReminder,
}

/// <summary>Where a notification goes.</summary>
public enum NotificationChannel
{
    Email,
    Sms,
    Push,
}

/// <summary>
/// The kinds by name (as the API and the send log spell them) and which are transactional: about
/// something the recipient bought or asked for, so their email can't be switched off. Every other
/// kind (today: reminders) is optional, on by default, and its email carries a one-click
/// unsubscribe link.
/// </summary>
public static class NotificationKinds
{
    private static readonly FrozenDictionary<string, NotificationKind> ByName =
        Enum.GetValues<NotificationKind>().ToFrozenDictionary(Name, k => k, StringComparer.Ordinal);

    public static IReadOnlyList<NotificationKind> All { get; } = Enum.GetValues<NotificationKind>();

    /// <summary>"orderConfirmation", "eventReminder", …</summary>
    public static string Name(NotificationKind kind) => kind switch
    {
        NotificationKind.OrderConfirmation => "orderConfirmation",
        NotificationKind.PaymentFailed => "paymentFailed",
        NotificationKind.OrderExpired => "orderExpired",
        NotificationKind.OrderCancelled => "orderCancelled",
        NotificationKind.RefundIssued => "refundIssued",
        NotificationKind.WaitingListOffer => "waitingListOffer",
        NotificationKind.TicketReassigned => "ticketReassigned",
        NotificationKind.EventCancelled => "eventCancelled",
        NotificationKind.EventChanged => "eventChanged",
        NotificationKind.EventReminder => "eventReminder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    public static bool TryParse(string? name, out NotificationKind kind) => ByName.TryGetValue(name ?? "", out kind);

    /// <summary>
    /// True for what a recipient must get by email whatever their preferences: tickets, receipts and
    /// word about what they bought or asked for (a payment that failed, a cancellation, a moved event,
    /// a waiting-list offer they queued for).
    /// </summary>
    public static bool IsTransactional(NotificationKind kind) => kind != NotificationKind.EventReminder;
}

/// <summary>The channels by name; email is on by default, SMS and push only when chosen.</summary>
public static class NotificationChannels
{
    private static readonly FrozenDictionary<string, NotificationChannel> ByName =
        Enum.GetValues<NotificationChannel>().ToFrozenDictionary(Name, c => c, StringComparer.Ordinal);

    public static IReadOnlyList<NotificationChannel> All { get; } = Enum.GetValues<NotificationChannel>();

    /// <summary>"email", "sms", "push".</summary>
    public static string Name(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.Sms => "sms",
        NotificationChannel.Push => "push",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static bool TryParse(string? name, out NotificationChannel channel) => ByName.TryGetValue(name ?? "", out channel);

    /// <summary>Whether a kind goes to a channel when the recipient has said nothing about it: email yes, SMS and push only when chosen.</summary>
    public static bool IsOnByDefault(NotificationChannel channel) => channel == NotificationChannel.Email;
}
