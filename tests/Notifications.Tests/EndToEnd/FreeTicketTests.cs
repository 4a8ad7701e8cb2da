using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.TestSupport;
using MimeKit;
using Notifications.Tests.Support;

namespace Notifications.Tests.EndToEnd;

/// <summary>
/// The whole chain on the local platform: a newcomer buys a free ticket (Ticketing's checkout writes
/// the paid order and OrderPaid in one transaction) → the outbox stream → DispatchOutbox → the
/// domain events topic → OnOrderPaid → the deliveries queue → DeliverNotification → SES, and the
/// confirmation is in the local mailbox within 5 seconds.
/// </summary>
public sealed class FreeTicketTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANewcomerBuysAFreeTicket_AndFindsTheConfirmationInTheMailboxWithin5Seconds()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var buyer = await platform.NewUserAsync();
        var startsAt = new DateTimeOffset(2031, 3, 1, 19, 0, 0, TimeSpan.Zero);
        var (eventId, typeId) = await Shop.FreeEventAsync(platform, organizer, startsAt, "Porto <Lightning> Night");

        var clock = Stopwatch.StartNew();
        var order = await Shop.BuyFreeAsync(platform, buyer, eventId, typeId, quantity: 2);
        var email = Assert.Single(await Mail.WaitForAsync(platform, buyer.Email, timeout: TimeSpan.FromSeconds(5)));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The confirmation took {clock.Elapsed.TotalSeconds:F1} s.");
        Assert.Equal("paid", order["status"]!.GetValue<string>());
        Assert.Equal("Your 2 tickets for Porto <Lightning> Night", email.Subject);
        Assert.Contains("Porto &lt;Lightning&gt; Night", email.Html, StringComparison.Ordinal);
        Assert.Contains("Saturday 1 March 2031, 19:00 WET", email.Text, StringComparison.Ordinal);
        Assert.Contains("confirmed", email.Text, StringComparison.Ordinal);

        // Every ticket of the order is there, with its link; each ticket whose OrderPaid carried a
        // signed token has its QR code inline (a cid: image) that reads back as that token.
        var paid = await OrderPaidAsync(order["id"]!.GetValue<string>());
        Assert.Equal(2, paid.Tickets.Count);
        foreach (var ticket in paid.Tickets)
        {
            Assert.Contains(NotificationsPlatform.WebAppOrigin + "/tickets/" + ticket.TicketId, email.Text, StringComparison.Ordinal);
        }

        var images = email.Raw["attachments"]?.AsArray() ?? [];
        var tokens = paid.Tickets.Where(t => t.QrToken is not null).Select(t => t.QrToken!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(tokens.Count, images.Count);
        foreach (var image in images)
        {
            var read = QrReader.FromPng(Convert.FromBase64String(image!["content"]!.GetValue<string>()), QrDetection.FinderPatternsOrModuleGrid);
            Assert.Contains(read!.Text, tokens);
            // The HTML shows it: as cid: in the message sent; the SES emulator's store inlines it as a data: URI.
            var html = email.Html ?? string.Empty;
            var cidRef = "cid:" + image["contentId"]!.GetValue<string>().Trim('<', '>');
            var inlined = "data:image/png;base64," + image["content"]!.GetValue<string>();
            Assert.True(html.Contains(cidRef, StringComparison.Ordinal) || html.Contains(inlined, StringComparison.Ordinal), $"{cidRef} is not shown in the HTML");
        }
    }

    [Fact]
    public async Task AnOrderPaidWithSignedTickets_ThroughTheOutbox_MailsEachQrCodeInline()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var buyer = await platform.NewUserAsync();
        var (eventId, _) = await Shop.FreeEventAsync(platform, organizer, new DateTimeOffset(2031, 6, 1, 18, 30, 0, TimeSpan.Zero), timeZone: "America/New_York");
        const string Token1 = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InQxIn0.eyJ0aWQiOiJhIn0.c2lnbmF0dXJlLW9uZQ";
        const string Token2 = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InQxIn0.eyJ0aWQiOiJiIn0.c2lnbmF0dXJlLXR3bw";
        var paid = new OrderPaidV1(Guid.NewGuid().ToString("N"), eventId, buyer.Sub, new MoneyDto(42_000, "BTC"),
            [new("t1" + Guid.NewGuid().ToString("N")[..30], "vip", "VIP", "Ada", Token1), new("t2" + Guid.NewGuid().ToString("N")[..30], "vip", "VIP", "Grace", Token2)],
            DateTimeOffset.UtcNow);

        await Bus.ThroughOutboxAsync(platform, Bus.Envelope(paid, MessagesJsonContext.Default.OrderPaidV1, "ticketing", paid.OrderId));

        var email = Assert.Single(await Mail.WaitForAsync(platform, buyer.Email));
        Assert.Contains("42,000 sats", email.Text, StringComparison.Ordinal);
        Assert.Contains("Sunday 1 June 2031, 14:30 EDT", email.Text, StringComparison.Ordinal);
        var read = (email.Raw["attachments"]?.AsArray() ?? []).Select(a => QrReader.FromPng(Convert.FromBase64String(a!["content"]!.GetValue<string>()), QrDetection.FinderPatternsOrModuleGrid)!.Text).ToHashSet();
        Assert.Equal([Token1, Token2], read.Order(StringComparer.Ordinal));
    }

    private async Task<OrderPaidV1> OrderPaidAsync(string orderId)
    {
        using var dynamo = platform.Servers.CreateDynamoDbClient();
        var id = DomainEventIds.From("ticketing", "OrderPaid", orderId);
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = platform.Resources.TableName("OutboxTable"),
            Key = new() { ["pk"] = new AttributeValue { S = id } },
        }, Ct);
        Assert.True(item.Item is { Count: > 0 }, $"OrderPaid {id} is not in the outbox.");
        var envelope = DomainEventEnvelope.Parse(item.Item[OutboxItems.Envelope].S);
        return envelope.DataAs(MessagesJsonContext.Default.OrderPaidV1);
    }
}
