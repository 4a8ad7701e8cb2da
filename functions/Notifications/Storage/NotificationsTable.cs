using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Storage;

/// <summary>
/// The area's own table (<c>NOTIFICATIONS_TABLE</c>). Items (pk / sk):
/// <list type="table">
/// <item><c>SEND#{sendId}</c> / <c>SEND</c>: one (notice, recipient, channel): its claim and status, the send log (ByRecipient index)</item>
/// <item><c>USER#{userId}</c> / <c>PREFERENCES</c>: a user's choices, versioned</item>
/// <item><c>SUPPRESSED#{addressHash}</c> / <c>EMAIL</c>: an address that bounced or complained (its hash, never the address)</item>
/// <item><c>ORDER#{orderId}</c> / <c>ORDER</c>: who bought it for which event, its tickets, whether it was cancelled</item>
/// <item><c>HOLDERS#{eventId}</c> / <c>TICKET#{ticketId}</c>: the event's valid tickets and their owners (reminders, event news)</item>
/// <item><c>REMINDED#{eventId}#{startsAt}</c> / <c>REMINDED</c>: the reminders of one start time were queued</item>
/// </list>
/// </summary>
internal sealed class NotificationsTable(IConfiguration configuration)
{
    public const string Setting = "NOTIFICATIONS_TABLE";

    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string ByRecipient = "ByRecipient";
    public const string RecipientPk = "gsi1pk";
    public const string RecipientSk = "gsi1sk";
    public const string Ttl = "expiresAt";

    private readonly string? _name = configuration[Setting];

    public string Name => string.IsNullOrEmpty(_name) ? throw new InvalidOperationException($"{Setting} is not set.") : _name;
}
