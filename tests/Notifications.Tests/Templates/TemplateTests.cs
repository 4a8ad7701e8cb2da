using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Templates;

namespace Notifications.Tests.Templates;

/// <summary>
/// The Liquid templates in functions/Notifications/Templates: one folder per kind with its four
/// parts, every variable defined (rendering is strict), input escaped in HTML, times in the
/// event's zone, amounts in each currency's unit.
/// </summary>
public sealed class TemplateTests
{
    public static TheoryData<string, string> KindsAndParts()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in NotificationPreview.Kinds)
        {
            foreach (var part in NotificationPreview.PartNames)
            {
                data.Add(kind, part);
            }
        }

        return data;
    }

    [Fact]
    public void EveryKind_HasItsFourTemplateFiles_AndNothingElseIsEmbedded()
    {
        var expected = NotificationKinds.All
            .SelectMany(k => NotificationTemplates.Parts.Select(p => NotificationTemplates.PathOf(k, p)))
            .Concat(["_layout/html.liquid", "_layout/text.liquid"])
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, NotificationTemplates.Files());
    }

    [Theory]
    [MemberData(nameof(KindsAndParts))]
    public void EveryPartOfEveryKind_RendersWithDemoData(string kind, string part)
    {
        var rendered = NotificationPreview.Render(kind, part);

        Assert.NotNull(rendered);
        Assert.False(string.IsNullOrWhiteSpace(rendered.Body));
        Assert.DoesNotContain("{{", rendered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", rendered.Body, StringComparison.Ordinal);
        if (part is "subject" or "short")
        {
            Assert.DoesNotContain('\n', rendered.Body);
        }
    }

    [Fact]
    public void WhatPeopleType_IsEscapedInHtml_AndLeftAsTypedInText()
    {
        var hostile = "<script>alert('x')</script>&\"";
        var @event = Event("Europe/Lisbon") with { Title = hostile };
        var notice = Notice(NotificationKind.OrderConfirmation) with
        {
            Details = new NoticeDetails { Tickets = [new NoticeTicket("t1", "<b>VIP</b>", "\"><img src=x onerror=alert(1)>", null)], Amount = new MoneyDto(0, "EUR") },
        };

        var rendered = Render(NotificationKind.OrderConfirmation, notice, @event);

        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>VIP", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(hostile, rendered.Text, StringComparison.Ordinal);
        Assert.Contains(hostile, rendered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewlineInATitle_CannotBreakTheSubjectIntoHeaders()
    {
        var @event = Event("UTC") with { Title = "Meetup\r\nBcc: everyone@example.test" };

        var rendered = Render(NotificationKind.EventReminder, Notice(NotificationKind.EventReminder), @event);

        Assert.Equal("Tomorrow: Meetup Bcc: everyone@example.test", rendered.Subject);
    }

    [Theory]
    [InlineData("Europe/Lisbon", "Monday 1 March 2027, 19:00 WET")]
    [InlineData("America/New_York", "Monday 1 March 2027, 14:00 EST")]
    [InlineData("Asia/Kolkata", "Tuesday 2 March 2027, 00:30 IST")]
    public void Times_AreInTheEventsTimeZone(string zone, string expected)
    {
        var rendered = Render(NotificationKind.EventReminder, Notice(NotificationKind.EventReminder), Event(zone));

        Assert.Contains(expected, rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWaitingListDeadline_IsInTheEventsTimeZone_AcrossDaylightSaving()
    {
        var notice = Notice(NotificationKind.WaitingListOffer) with
        {
            Details = new NoticeDetails { Quantity = 1, HoldId = "h1", Deadline = new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero) },
        };

        var rendered = Render(NotificationKind.WaitingListOffer, notice, Event("Europe/Lisbon"));

        // 01:30 UTC on the night Lisbon moves to summer time is 02:30 WEST.
        Assert.Equal("A seat for Porto Lightning Night is yours until Sunday 28 March 2027, 02:30 WEST", rendered.Subject);
    }

    [Theory]
    [InlineData(42_000, "BTC", "42,000 sats")]
    [InlineData(1, "BTC", "1 sat")]
    [InlineData(2_500, "EUR", "25.00 EUR")]
    [InlineData(1_500, "JPY", "1,500 JPY")]
    [InlineData(1_234, "KWD", "1.234 KWD")]
    [InlineData(123_456_789, "INR", "1,234,567.89 INR")]
    [InlineData(0, "USD", "free")]
    public void Amounts_AreWrittenInTheCurrencysUnit(long amount, string currency, string expected)
    {
        Assert.Equal(expected, Formatting.Money(new MoneyDto(amount, currency)));
    }

    [Fact]
    public void AReminder_CarriesTheUnsubscribeLink_AReceiptDoesNot()
    {
        var links = new NoticeLinks(new Uri("https://events.example.test/"), new Uri("https://api.example.test/notifications/unsubscribe?token=v1.a.b"));

        var reminder = Render(NotificationKind.EventReminder, Notice(NotificationKind.EventReminder), Event("UTC"), links);
        var receipt = Render(NotificationKind.RefundIssued, Notice(NotificationKind.RefundIssued) with { Details = new NoticeDetails { Amount = new MoneyDto(100, "EUR"), OrderId = "o1" } }, Event("UTC"), links with { Unsubscribe = null });

        Assert.Contains("https://api.example.test/notifications/unsubscribe?token=v1.a.b", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://api.example.test/notifications/unsubscribe?token=v1.a.b\"", reminder.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe", receipt.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static RenderedNotice Render(NotificationKind kind, NotificationRequestV1 notice, Event @event, NoticeLinks? links = null)
    {
        links ??= new NoticeLinks(new Uri("https://events.example.test/"), null);
        var cids = new Dictionary<string, string>();
        return NotificationTemplates.Render(
            NoticeView.Build(kind, notice, @event, links, cids, html: false),
            NoticeView.Build(kind, notice, @event, links, cids, html: true),
            kind);
    }

    private static NotificationRequestV1 Notice(NotificationKind kind) => new(
        "n1", NotificationKinds.Name(kind), "00000000-0000-4000-8000-000000000002", "e1", DateTimeOffset.UtcNow, new NoticeDetails { TicketCount = 1 });

    private static Event Event(string zone) => new()
    {
        Id = "e1",
        OrganizerId = "o",
        Title = "Porto Lightning Night",
        Venue = new Venue("Maus Hábitos", ["Rua Passos Manuel 178"], "Porto", null, null, "PT", zone),
        StartsAt = new DateTimeOffset(2027, 3, 1, 19, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2027, 3, 1, 22, 0, 0, TimeSpan.Zero),
        Capacity = 80,
        Status = EventStatus.Published,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Version = 1,
    };
}
