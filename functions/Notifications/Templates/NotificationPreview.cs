using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Tickets.Qr;

namespace BitcoinEvents.Notifications.Templates;

/// <summary>One rendered part of a template, for a person to look at.</summary>
public sealed record PreviewPart(string ContentType, string Body);

/// <summary>
/// Every kind's templates rendered with demo data (an event in Lisbon's time zone, a paid order of
/// two tickets, one with a QR code), for DevHost's local preview route. The QR image is inlined as
/// a data: URI, since a browser has no cid: to resolve. Not used in AWS.
/// </summary>
public static class NotificationPreview
{
    public static readonly IReadOnlyList<string> PartNames = ["html", "text", "subject", "short"];

    public static IReadOnlyList<string> Kinds { get; } = [.. NotificationKinds.All.Select(NotificationKinds.Name)];

    /// <summary>The kind's part, or null when there is no such kind or part.</summary>
    public static PreviewPart? Render(string kind, string part, string currency = "EUR")
    {
        if (!NotificationKinds.TryParse(kind, out var k) || !PartNames.Contains(part) || !Domain.Money.Currencies.IsKnown(currency))
        {
            return null;
        }

        var notice = DemoNotice(k, currency);
        var cids = new Dictionary<string, string>(StringComparer.Ordinal) { ["5f0c3a9e2b7d4e1f8a6c0d9b3e2f1a7c"] = "qr-demo@bitcoin-events" };
        var links = new NoticeLinks(new Uri("http://localhost:5173/"), NotificationKinds.IsTransactional(k) ? null : new Uri("http://127.0.0.1:5080/notifications/unsubscribe?token=demo"));
        var rendered = NotificationTemplates.Render(
            NoticeView.Build(k, notice, DemoEvent, links, cids, html: false),
            NoticeView.Build(k, notice, DemoEvent, links, cids, html: true),
            k);
        return part switch
        {
            "html" => new PreviewPart("text/html; charset=utf-8", rendered.Html.Replace(
                "cid:qr-demo@bitcoin-events", "data:image/png;base64," + Convert.ToBase64String(TicketQrCode.RenderPng(DemoToken, 6)), StringComparison.Ordinal)),
            "text" => new PreviewPart("text/plain; charset=utf-8", rendered.Text),
            "subject" => new PreviewPart("text/plain; charset=utf-8", rendered.Subject),
            _ => new PreviewPart("text/plain; charset=utf-8", rendered.Short),
        };
    }

    // Shaped like a ticket's compact JWS (what the QR carries); not signed by any key.
    private const string DemoToken = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImRlbW8ifQ.eyJ0aWQiOiI1ZjBjM2E5ZTJiN2Q0ZTFmOGE2YzBkOWIzZTJmMWE3YyIsImVpZCI6ImRlbW8iLCJzaWQiOltdLCJyZXYiOjEsIm5hbSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTgwMDAwMDAwMH0.ZGVtby1zaWduYXR1cmUtbm90LXZhbGlkLWRlbW8tc2lnbmF0dXJlLW5vdC12YWxpZC1kZW1vLXNpZ25hdHVyZQ";

    private static readonly Event DemoEvent = new()
    {
        Id = "0190a1b2c3d4e5f60718293a4b5c6d7e",
        OrganizerId = "00000000-0000-4000-8000-000000000001",
        Title = "Porto Lightning Night",
        Description = "Lightning talks and a node-running workshop.",
        Venue = new Venue("Maus Hábitos", ["Rua Passos Manuel 178"], "Porto", null, "4000-382", "PT", "Europe/Lisbon"),
        StartsAt = new DateTimeOffset(2027, 3, 1, 19, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2027, 3, 1, 22, 0, 0, TimeSpan.Zero),
        Capacity = 80,
        Status = EventStatus.Published,
        CreatedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
        PublishedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
        Version = 1,
    };

    private static NotificationRequestV1 DemoNotice(NotificationKind kind, string currency)
    {
        var amount = new MoneyDto(currency == Domain.Money.Currencies.Bitcoin ? 42_000 : 2_500, currency);
        return new NotificationRequestV1(
            "demo-" + NotificationKinds.Name(kind),
            NotificationKinds.Name(kind),
            "00000000-0000-4000-8000-000000000002",
            DemoEvent.Id,
            new DateTimeOffset(2027, 2, 20, 12, 0, 0, TimeSpan.Zero),
            new NoticeDetails
            {
                OrderId = "7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f",
                Amount = amount,
                Tickets = kind == NotificationKind.TicketReassigned
                    ? [new NoticeTicket("5f0c3a9e2b7d4e1f8a6c0d9b3e2f1a7c", "", "Grace Hopper", DemoToken)]
                    : [new NoticeTicket("5f0c3a9e2b7d4e1f8a6c0d9b3e2f1a7c", "Early bird", "Ada Lovelace", DemoToken), new NoticeTicket("6a1d4b0f3c8e5f2a9b7d1e0c4f3a2b8d", "Early bird", "Alan Turing", null)],
                TicketCount = kind == NotificationKind.TicketReassigned ? 1 : 2,
                Reason = kind switch
                {
                    NotificationKind.PaymentFailed => "the card was declined",
                    NotificationKind.EventCancelled => "the venue flooded",
                    NotificationKind.OrderCancelled => "requested by the buyer",
                    _ => null,
                },
                ByOrganizer = false,
                Deadline = new DateTimeOffset(2027, 2, 21, 18, 30, 0, TimeSpan.Zero),
                HoldId = "3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b",
                Quantity = 2,
                PreviousHolderName = "Ada Lovelace",
                Changed = ["time", "venue"],
            });
    }
}
