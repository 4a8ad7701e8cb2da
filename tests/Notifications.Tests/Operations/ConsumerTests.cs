using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Operations;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Tests.Support;

namespace Notifications.Tests.Operations;

/// <summary>
/// Each On&lt;Event&gt; consumer, fed its contract through the domain events topic (as DispatchOutbox
/// publishes it), mails the right person the right thing; producers that do not write these events
/// yet are stood in for by publishing them here, to the contracts in shared/BitcoinEvents.Domain/Messages.
/// </summary>
public sealed class ConsumerTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWaitingListOffer_ReachesTheWaitingAttendee_WithItsDeadlineInTheEventsTimeZone()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var waiting = await platform.NewUserAsync();
        var (eventId, typeId) = await Shop.FreeEventAsync(platform, organizer, new DateTimeOffset(2031, 9, 20, 17, 0, 0, TimeSpan.Zero), "Kolkata Sats Meetup", "Asia/Kolkata");
        var holdId = Guid.NewGuid().ToString("N");

        await Bus.PublishAsync(platform, Bus.Envelope(
            new WaitingListOfferedV1(Guid.NewGuid().ToString("N"), holdId, eventId, typeId, waiting.Sub, 2, new DateTimeOffset(2031, 9, 10, 12, 0, 0, TimeSpan.Zero)),
            MessagesJsonContext.Default.WaitingListOfferedV1, "ticketing", holdId));

        var email = Assert.Single(await Mail.WaitForAsync(platform, waiting.Email));
        Assert.Equal("2 seats for Kolkata Sats Meetup are yours until Wednesday 10 September 2031, 17:30 IST", email.Subject);
        Assert.Contains(NotificationsPlatform.WebAppOrigin + "/holds/" + holdId, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APaymentFailure_ThatArrivesBeforeItsOrder_IsRetried_AndThenReachesTheBuyer()
    {
        var buyer = await platform.NewUserAsync();
        var orderId = Guid.NewGuid().ToString("N");
        var failed = new DomainEvent<PaymentFailedV1>(
            Guid.NewGuid().ToString("D"), "payments", orderId, DateTimeOffset.UtcNow,
            new PaymentFailedV1(orderId, "pay-1", "stripe", "the card was declined", DateTimeOffset.UtcNow));
        var handler = ActivatorUtilities.CreateInstance<OnPaymentFailed>(platform.Services);

        await Assert.ThrowsAsync<OrderNotKnownYetException>(() => handler.HandleAsync(failed, Context(), Ct));

        await ActivatorUtilities.CreateInstance<OnOrderPlaced>(platform.Services).HandleAsync(
            new DomainEvent<OrderPlacedV1>(Guid.NewGuid().ToString("D"), "ticketing", orderId, DateTimeOffset.UtcNow,
                new OrderPlacedV1(orderId, "evt-pf", buyer.Sub, new MoneyDto(1_999, "USD"), new DateTimeOffset(2030, 1, 1, 12, 15, 0, TimeSpan.Zero))),
            Context(), Ct);
        await handler.HandleAsync(failed, Context(), Ct);

        var email = Assert.Single(await Mail.WaitForAsync(platform, buyer.Email));
        Assert.Equal("Your payment for your event did not go through", email.Subject);
        Assert.Contains("the card was declined", email.Text, StringComparison.Ordinal);
        Assert.Contains("held until Tuesday 1 January 2030, 12:15 UTC", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefund_AndAnExpiry_ReachTheBuyer()
    {
        var buyer = await platform.NewUserAsync();
        var paid = Paid(buyer.Sub, "evt-rf", new MoneyDto(5_000, "EUR"));
        await Bus.PublishAsync(platform, Bus.Envelope(paid, MessagesJsonContext.Default.OrderPaidV1, "ticketing", paid.OrderId));
        await Mail.WaitForAsync(platform, buyer.Email);

        await Bus.PublishAsync(platform, Bus.Envelope(
            new PaymentRefundedV1(paid.OrderId, "pay-1", "re-1", new MoneyDto(2_000, "EUR"), DateTimeOffset.UtcNow),
            MessagesJsonContext.Default.PaymentRefundedV1, "payments", paid.OrderId));
        await Bus.PublishAsync(platform, Bus.Envelope(
            new OrderExpiredV1(Guid.NewGuid().ToString("N"), "evt-rf", buyer.Sub, DateTimeOffset.UtcNow),
            MessagesJsonContext.Default.OrderExpiredV1, "ticketing", "o"));

        var emails = await Mail.WaitForAsync(platform, buyer.Email, 3);
        Assert.Contains(emails, e => e.Subject == "Refund of 20.00 EUR for your event");
        Assert.Contains(emails, e => e.Subject == "Your order for your event expired");
    }

    [Fact]
    public async Task EventNews_ReachEveryHolderOnce_AndAnOrderCancelledWithItsEvent_AddsNoSecondEmail()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var alice = await platform.NewUserAsync();
        var bob = await platform.NewUserAsync();
        var (eventId, typeId) = await Shop.FreeEventAsync(platform, organizer, new DateTimeOffset(2031, 11, 5, 18, 0, 0, TimeSpan.Zero), "Berlin Node Night", "Europe/Berlin");
        var aliceOrder = await Shop.BuyFreeAsync(platform, alice, eventId, typeId, quantity: 3);
        await Shop.BuyFreeAsync(platform, bob, eventId, typeId);
        await Mail.WaitForAsync(platform, alice.Email);
        await Mail.WaitForAsync(platform, bob.Email);
        await Mail.DrainAsync(platform);

        await Bus.PublishAsync(platform, Bus.Envelope(
            new EventChangedV1(eventId, new DateTimeOffset(2031, 11, 5, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 11, 5, 21, 0, 0, TimeSpan.Zero), "Maus Hábitos", "Porto", "Europe/Berlin", ["venue"], DateTimeOffset.UtcNow),
            MessagesJsonContext.Default.EventChangedV1, "events", eventId));
        var changed = await Mail.WaitForAsync(platform, alice.Email, 1, where: e => e.Subject.StartsWith("New place", StringComparison.Ordinal));
        Assert.Equal("New place: Berlin Node Night", Assert.Single(changed).Subject);
        Assert.Contains("Your 3 tickets stay valid", changed[0].Text, StringComparison.Ordinal);

        using (var api = platform.Client(organizer))
        {
            await Shop.SendAsync(api, HttpMethod.Post, $"/events/{eventId}/cancel", new JsonObject { ["reason"] = "The venue flooded." });
        }

        var cancelled = new EventCancelledV1(eventId, organizer.Sub, "The venue flooded.", DateTimeOffset.UtcNow);
        var envelope = Bus.Envelope(cancelled, MessagesJsonContext.Default.EventCancelledV1, "events", eventId);
        await Bus.PublishAsync(platform, envelope);
        await Bus.PublishAsync(platform, envelope);
        await Bus.PublishAsync(platform, Bus.Envelope(
            new OrderCancelledV1(aliceOrder["id"]!.GetValue<string>(), eventId, alice.Sub, "event cancelled", true, DateTimeOffset.UtcNow),
            MessagesJsonContext.Default.OrderCancelledV1, "ticketing", "o"));

        await Mail.WaitForAsync(platform, bob.Email, 1, where: e => e.Subject == "Cancelled: Berlin Node Night");
        await Mail.DrainAsync(platform);
        var aliceMail = await Mail.ToAsync(platform, alice.Email);
        // One per EventCancelled: ours (delivered twice), and the Events area's own once it writes one to the outbox.
        Assert.Equal(1 + await OutboxCountAsync("EventCancelled", eventId), aliceMail.Count(e => e.Subject == "Cancelled: Berlin Node Night"));
        Assert.DoesNotContain(aliceMail, e => e.Subject.Contains("order", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("The organizer says: The venue flooded.", aliceMail.First(e => e.Subject.StartsWith("Cancelled", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        Assert.Equal(1 + await OutboxCountAsync("EventCancelled", eventId), (await Mail.ToAsync(platform, bob.Email)).Count(e => e.Subject.StartsWith("Cancelled", StringComparison.Ordinal)));
    }

    private async Task<int> OutboxCountAsync(string type, string subject)
    {
        using var dynamo = platform.Servers.CreateDynamoDbClient();
        var scan = await dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest
        {
            TableName = platform.Resources.TableName("OutboxTable"),
            FilterExpression = "#type = :type AND #subject = :subject",
            ExpressionAttributeNames = new() { ["#type"] = OutboxItems.Type, ["#subject"] = OutboxItems.Subject },
            ExpressionAttributeValues = new() { [":type"] = new() { S = type }, [":subject"] = new() { S = subject } },
        }, Ct);
        return scan.Count ?? 0;
    }

    [Fact]
    public async Task AReassignedTicket_SendsItsOwnerTheNewQrCode()
    {
        var owner = await platform.NewUserAsync();
        const string Token = "eyJhbGciOiJFUzI1NiJ9.eyJ0aWQiOiJyIiwicmV2IjoyfQ.bmV3LXNpZ25hdHVyZQ";

        await Bus.PublishAsync(platform, Bus.Envelope(
            new TicketReassignedV1(Guid.NewGuid().ToString("N"), "evt-ra", owner.Sub, "Ada Lovelace", "Grace Hopper", DateTimeOffset.UtcNow, Token),
            MessagesJsonContext.Default.TicketReassignedV1, "ticketing", "t"));

        var email = Assert.Single(await Mail.WaitForAsync(platform, owner.Email));
        Assert.Equal("Your ticket for your event is now in Grace Hopper's name", email.Subject);
        Assert.Contains("instead of Ada Lovelace", email.Text, StringComparison.Ordinal);
        var image = Assert.Single(email.Raw["attachments"]!.AsArray());
        Assert.Equal(Token, QrReader.FromPng(Convert.FromBase64String(image!["content"]!.GetValue<string>()), QrDetection.FinderPatternsOrModuleGrid)!.Text);
    }

    private static OrderPaidV1 Paid(string buyer, string eventId, MoneyDto total) => new(
        Guid.NewGuid().ToString("N"), eventId, buyer, total, [new(Guid.NewGuid().ToString("N"), "t", "General", "Ada", null)], DateTimeOffset.UtcNow);

    private static SqsMessageContext Context() => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Attributes = new Dictionary<string, string>(),
        MessageAttributes = new Dictionary<string, SqsMessageAttributeValue>(),
        ApproximateReceiveCount = 1,
        Invocation = new LambdaInvocation("test", DateTimeOffset.UtcNow.AddMinutes(1)),
    };
}
