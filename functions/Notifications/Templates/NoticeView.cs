using System.Text.Encodings.Web;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Contracts;
using Scriban.Runtime;

namespace BitcoinEvents.Notifications.Templates;

/// <summary>Where a notice's links point: the web app's pages and, for optional kinds, the unsubscribe link.</summary>
internal sealed record NoticeLinks(Uri FrontendOrigin, Uri? Unsubscribe)
{
    public string Page(string path) => new Uri(FrontendOrigin, path).AbsoluteUri;
}

/// <summary>
/// The variables a kind's Liquid templates see (snake_case, as Liquid writes them). Every variable
/// of every kind is defined (null where the kind has none), so a template that names a variable
/// that does not exist fails its test instead of printing nothing. For HTML every string is
/// HTML-escaped here, once: templates never escape, so an event title of <c>&lt;script&gt;</c> can't
/// become markup, and a template that forgets cannot open a hole.
/// </summary>
internal static class NoticeView
{
    public const string PlatformName = "Bitcoin Events";

    public static ScriptObject Build(
        NotificationKind kind, NotificationRequestV1 notice, Event? @event, NoticeLinks links, IReadOnlyDictionary<string, string> qrContentIds, bool html)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(links);
        Func<string?, string?> t = html ? v => v is null ? null : HtmlEncoder.Default.Encode(v) : v => v;
        var details = notice.Details;
        var timeZone = @event?.Venue.TimeZone ?? "UTC";

        var tickets = new ScriptArray();
        foreach (var ticket in details.Tickets ?? [])
        {
            qrContentIds.TryGetValue(ticket.TicketId, out var cid);
            tickets.Add(new ScriptObject
            {
                ["id"] = t(ticket.TicketId),
                ["type"] = t(ticket.TypeName),
                ["holder"] = t(ticket.HolderName),
                ["url"] = t(links.Page("/tickets/" + ticket.TicketId)),
                ["qr_cid"] = cid, // ours, letters, digits, "-" and "@" only: HTML-encoding would turn its "@" into "&#x40;"
                ["has_qr"] = cid is not null,
            });
        }

        var eventView = new ScriptObject
        {
            ["id"] = t(notice.EventId),
            ["title"] = t(@event?.Title ?? "your event"),
            ["starts_at"] = @event is null ? null : t(Formatting.Time(@event.StartsAt, timeZone)),
            ["ends_at"] = @event is null ? null : t(Formatting.Time(@event.EndsAt, timeZone)),
            ["time_zone"] = t(timeZone),
            ["venue_name"] = t(@event?.Venue.Name),
            ["address"] = @event is null ? null : t(string.Join(", ", [.. @event.Venue.AddressLines, @event.Venue.City, @event.Venue.Country])),
            ["city"] = t(@event?.Venue.City),
            ["url"] = t(links.Page("/events/" + notice.EventId)),
        };

        var changed = new ScriptArray();
        foreach (var part in details.Changed ?? [])
        {
            changed.Add(t(part));
        }

        return new ScriptObject
        {
            ["platform"] = new ScriptObject { ["name"] = t(PlatformName), ["url"] = t(links.Page("/")) },
            ["kind"] = NotificationKinds.Name(kind),
            ["event"] = eventView,
            ["order"] = new ScriptObject
            {
                ["id"] = t(details.OrderId),
                ["url"] = details.OrderId is null ? null : t(links.Page("/orders/" + details.OrderId)),
                ["total"] = details.Amount is null ? null : t(Formatting.Money(details.Amount)),
                ["is_free"] = details.Amount is { Amount: 0 },
            },
            ["tickets"] = tickets,
            ["ticket"] = tickets.Count > 0 ? tickets[0] : null,
            ["ticket_count"] = details.TicketCount ?? tickets.Count,
            ["amount"] = details.Amount is null ? null : t(Formatting.Money(details.Amount)),
            ["reason"] = t(details.Reason),
            ["by_organizer"] = details.ByOrganizer == true,
            ["deadline"] = details.Deadline is { } deadline ? t(Formatting.Time(deadline, timeZone)) : null,
            ["quantity"] = details.Quantity,
            ["offer_url"] = details.HoldId is null ? null : t(links.Page("/holds/" + details.HoldId)),
            ["previous_holder"] = t(details.PreviousHolderName),
            ["changed"] = changed,
            ["time_changed"] = details.Changed?.Contains("time", StringComparer.Ordinal) == true,
            ["venue_changed"] = details.Changed?.Contains("venue", StringComparer.Ordinal) == true,
            ["links"] = new ScriptObject
            {
                ["preferences"] = t(links.Page("/account/notifications")),
                ["unsubscribe"] = t(links.Unsubscribe?.AbsoluteUri),
            },
        };
    }
}
