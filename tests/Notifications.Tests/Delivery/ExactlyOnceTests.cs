using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Storage;
using Notifications.Tests.Support;

namespace Notifications.Tests.Delivery;

/// <summary>Exactly once per (domain event, recipient, channel), whatever the deliveries; nothing sent to a suppressed address.</summary>
public sealed class ExactlyOnceTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameOrderPaid_DeliveredThreeTimes_SendsOneEmail()
    {
        var buyer = await platform.NewUserAsync();
        var paid = Bus.Envelope(OrderPaid(buyer.Sub, "evt-" + Guid.NewGuid().ToString("N")), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order");

        await Bus.PublishAsync(platform, paid);
        await Bus.PublishAsync(platform, paid);
        await Bus.PublishAsync(platform, paid);

        await Mail.WaitForAsync(platform, buyer.Email);
        await Mail.DrainAsync(platform);
        var emails = await Mail.ToAsync(platform, buyer.Email);
        Assert.Single(emails);
        Assert.Contains("ticket", emails[0].Subject, StringComparison.OrdinalIgnoreCase);
        var log = await SendLogAsync(buyer);
        var line = Assert.Single(log, l => l["channel"]!.GetValue<string>() == "email");
        Assert.Equal("sent", line["status"]!.GetValue<string>());
        Assert.Equal(1, line["attempts"]!.GetValue<int>());
        Assert.Equal(emails[0].MessageId, line["providerMessageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABouncedAddress_ReceivesNothingMore()
    {
        var buyer = await platform.NewUserAsync();
        await Bus.PublishAsync(platform, Bus.Envelope(OrderPaid(buyer.Sub, "evt-a"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));
        var first = Assert.Single(await Mail.WaitForAsync(platform, buyer.Email));

        // SES reports a permanent bounce of that message (configuration set → SNS → the feedback queue).
        await Bus.PublishSesEventAsync(platform, new JsonObject
        {
            ["eventType"] = "Bounce",
            ["bounce"] = new JsonObject
            {
                ["bounceType"] = "Permanent",
                ["bounceSubType"] = "General",
                ["bouncedRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = buyer.Email.ToUpperInvariant(), ["action"] = "failed", ["status"] = "5.1.1" }),
                ["timestamp"] = "2030-01-01T00:00:00.000Z",
                ["feedbackId"] = "0100-bounce-" + Guid.NewGuid().ToString("N"),
            },
            ["mail"] = new JsonObject
            {
                ["timestamp"] = "2030-01-01T00:00:00.000Z",
                ["source"] = "notifications@example.com",
                ["messageId"] = first.MessageId,
                ["destination"] = new JsonArray(buyer.Email),
                ["tags"] = new JsonObject { ["send_id"] = new JsonArray("none") },
            },
        }.ToJsonString());
        var suppression = platform.Service<SuppressionList>();
        await Eventually(async () => await suppression.IsSuppressedAsync(RecipientHashes.OfEmail(buyer.Email), Ct));

        await Bus.PublishAsync(platform, Bus.Envelope(OrderPaid(buyer.Sub, "evt-b"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));
        await Eventually(async () => (await SendLogAsync(buyer)).Any(l => l["status"]!.GetValue<string>() == "suppressed"));
        await Mail.DrainAsync(platform);

        Assert.Single(await Mail.ToAsync(platform, buyer.Email));
    }

    [Fact]
    public async Task SesFeedback_MovesTheSendInTheLog_AndAComplaintSuppresses()
    {
        var buyer = await platform.NewUserAsync();
        await Bus.PublishAsync(platform, Bus.Envelope(OrderPaid(buyer.Sub, "evt-c"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));
        var email = Assert.Single(await Mail.WaitForAsync(platform, buyer.Email));
        await Eventually(async () => (await SendLogAsync(buyer)).Any(l => l["status"]!.GetValue<string>() == "sent"));
        var sendId = (await SendLogAsync(buyer)).Single()["id"]!.GetValue<string>();

        await Bus.PublishSesEventAsync(platform, SesEvent("Delivery", email.MessageId, sendId, "\"delivery\":{\"recipients\":[\"x@example.test\"]}"));
        await Eventually(async () => (await SendLogAsync(buyer)).Single()["status"]!.GetValue<string>() == "delivered");

        await Bus.PublishSesEventAsync(platform, SesEvent("Complaint", email.MessageId, sendId,
            $"\"complaint\":{{\"complainedRecipients\":[{{\"emailAddress\":\"{buyer.Email}\"}}],\"feedbackId\":\"c-1\"}}"));
        await Eventually(async () => (await SendLogAsync(buyer)).Single()["status"]!.GetValue<string>() == "complained");
        Assert.True(await platform.Service<SuppressionList>().IsSuppressedAsync(RecipientHashes.OfEmail(buyer.Email), Ct));
    }

    [Fact]
    public async Task TheSendLog_ShowsTheCallersOwnSends_WithoutAddressesOrBodies()
    {
        var buyer = await platform.NewUserAsync();
        var stranger = await platform.NewUserAsync();
        await Bus.PublishAsync(platform, Bus.Envelope(OrderPaid(buyer.Sub, "evt-d"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));
        await Mail.WaitForAsync(platform, buyer.Email);
        await Eventually(async () => (await SendLogAsync(buyer)).Any(l => l["status"]!.GetValue<string>() == "sent"));

        using var api = platform.Client(buyer);
        var text = await api.GetStringAsync("/me/notifications?limit=5", Ct);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.DoesNotContain(buyer.Email.Split('@')[0], text, StringComparison.Ordinal);
        var line = JsonNode.Parse(text)!["items"]![0]!;
        Assert.Equal("orderConfirmation", line["kind"]!.GetValue<string>());
        Assert.Equal(RecipientHashes.OfEmail(buyer.Email), line["recipientHash"]!.GetValue<string>());
        Assert.Empty(await SendLogAsync(stranger));
    }

    [Fact]
    public async Task ThePaginatedSendLog_WalksEveryLineOnce()
    {
        var buyer = await platform.NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await Bus.PublishAsync(platform, Bus.Envelope(OrderPaid(buyer.Sub, "evt-p" + i), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));
        }

        await Mail.WaitForAsync(platform, buyer.Email, 3);
        await Mail.DrainAsync(platform);
        using var api = platform.Client(buyer);
        var first = (await api.GetFromJsonAsync<JsonObject>("/me/notifications?limit=2", Ct))!;
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = (await api.GetFromJsonAsync<JsonObject>($"/me/notifications?limit=2&cursor={Uri.EscapeDataString(cursor)}", Ct))!;
        var ids = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, ids.Distinct().Count());

        // Another user's cursor is refused (it names this user's listing).
        using var other = platform.Client(await platform.NewUserAsync());
        using var refused = await other.GetAsync($"/me/notifications?cursor={Uri.EscapeDataString(cursor)}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    internal static OrderPaidV1 OrderPaid(string buyerId, string eventId, string? qrToken = null) => new(
        Guid.NewGuid().ToString("N"),
        eventId,
        buyerId,
        new MoneyDto(0, "EUR"),
        [new IssuedTicketV1(Guid.NewGuid().ToString("N"), "type-1", "General admission", "Ada Lovelace", qrToken)],
        DateTimeOffset.UtcNow);

    internal async Task<IReadOnlyList<JsonObject>> SendLogAsync(BitcoinEvents.TestSupport.TestUser user)
    {
        using var api = platform.Client(user);
        var page = await api.GetFromJsonAsync<JsonObject>("/me/notifications?limit=100", Ct);
        return [.. page!["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    internal static string SesEvent(string type, string messageId, string sendId, string part) =>
        "{\"eventType\":\"" + type + "\",\"mail\":{\"timestamp\":\"2030-01-01T00:00:00.000Z\",\"source\":\"notifications@example.com\",\"messageId\":\"" + messageId
        + "\",\"destination\":[\"someone@example.test\"],\"tags\":{\"send_id\":[\"" + sendId + "\"],\"kind\":[\"orderConfirmation\"]}}," + part + "}";

    internal static async Task Eventually(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50, Ct);
        }
    }
}
