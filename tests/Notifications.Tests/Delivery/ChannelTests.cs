using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Operations;
using BitcoinEvents.Notifications.Storage;
using BitcoinEvents.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Notifications.Tests.Support;

namespace Notifications.Tests.Delivery;

/// <summary>
/// SMS and push beside email, quiet hours, failures retried, and a delivery that died after SES
/// took its mail: each through DeliverNotification itself, with the local servers behind it.
/// </summary>
public sealed class ChannelTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AUserWhoChoseSmsAndPush_GetsTheConfirmationOnAllThree_EachOnce()
    {
        var (user, phone) = await SmsUserAsync(kinds: new JsonObject { ["orderConfirmation"] = new JsonObject { ["sms"] = true, ["push"] = true } }, withDevice: true);

        var notice = Notice(user.Sub, NotificationKind.OrderConfirmation);
        var handler = Handler(TimeProvider.System);
        await handler.HandleAsync(notice, Context(), Ct);
        await handler.HandleAsync(notice, Context(), Ct);

        Assert.Single(await Mail.ToAsync(platform, user.Email));
        using var outbox = platform.Servers.CreateSnsMobileOutbox();
        var messages = await outbox.GetMessagesAsync(Ct);
        var sms = Assert.Single(messages, m => m.PhoneNumber == phone);
        Assert.Equal(("String", "Transactional"), sms.Attributes["AWS.SNS.SMS.SMSType"]);
        Assert.StartsWith("Bitcoin Events: your ticket", sms.Message, StringComparison.Ordinal);
        Assert.True(sms.Message.Length <= 320, sms.Message);

        var preferences = await platform.Service<PreferencesStore>().GetAsync(user.Sub, consistent: true, Ct);
        var push = Assert.Single(messages, m => m.TargetArn == preferences.PushDevices.Single().EndpointArn);
        Assert.Equal("json", push.MessageStructure);
        var payload = JsonNode.Parse(push.Message)!;
        Assert.Equal(sms.Message, payload["default"]!.GetValue<string>());
        Assert.StartsWith("Your ticket", JsonNode.Parse(payload["GCM"]!.GetValue<string>())!["notification"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(payload["APNS"]!.GetValue<string>())!["aps"]!["alert"]!["body"]);
    }

    [Fact]
    public async Task InQuietHours_EmailGoesAtOnce_AndSmsWaitsUntilTheyEnd()
    {
        var (user, phone) = await SmsUserAsync(
            kinds: new JsonObject { ["eventReminder"] = new JsonObject { ["sms"] = true } },
            quietHours: new JsonObject { ["start"] = "22:00", ["end"] = "07:30", ["timeZone"] = "Europe/Lisbon" });
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 23, 10, 0, TimeSpan.Zero)); // 23:10 in Lisbon (WET)
        var notice = Notice(user.Sub, NotificationKind.EventReminder);

        var deferred = await Assert.ThrowsAsync<NotificationDeferredException>(() => Handler(clock).HandleAsync(notice, Context(), Ct));

        Assert.Contains("2030-01-16T07:30:00", deferred.Message, StringComparison.Ordinal);
        Assert.Single(await Mail.ToAsync(platform, user.Email));
        Assert.Empty(await SmsToAsync(phone));

        clock.SetUtcNow(new DateTimeOffset(2030, 1, 16, 7, 31, 0, TimeSpan.Zero));
        await Handler(clock).HandleAsync(notice, Context(), Ct);

        Assert.Single(await SmsToAsync(phone));
        Assert.Single(await Mail.ToAsync(platform, user.Email));
    }

    [Fact]
    public async Task AFailedSend_FailsTheMessage_AndTheRetrySendsOnlyWhatFailed()
    {
        var (user, phone) = await SmsUserAsync(kinds: new JsonObject { ["paymentFailed"] = new JsonObject { ["sms"] = true } });
        var notice = Notice(user.Sub, NotificationKind.PaymentFailed);
        using var outbox = platform.Servers.CreateSnsMobileOutbox();
        await outbox.FailNextPublishAsync("Throttling", 400, Ct);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => Handler(TimeProvider.System).HandleAsync(notice, Context(), Ct));
        Assert.Equal((SendStatus.Failed, 1), await SmsRecordAsync(notice, user));
        Assert.DoesNotContain(phone, failure.ToString(), StringComparison.Ordinal);
        Assert.Single(await Mail.ToAsync(platform, user.Email));
        Assert.Empty(await SmsToAsync(phone));

        await Handler(TimeProvider.System).HandleAsync(notice, Context(), Ct);

        Assert.Single(await SmsToAsync(phone));
        Assert.Single(await Mail.ToAsync(platform, user.Email));
        Assert.Equal((SendStatus.Sent, 2), await SmsRecordAsync(notice, user));
    }

    [Fact]
    public async Task ADeliveryThatDiedAfterSesTookTheMail_IsSettledBySesSendEvent_NotMailedTwice()
    {
        var user = await platform.NewUserAsync();
        var notice = Notice(user.Sub, NotificationKind.RefundIssued);
        var key = new SendKey(notice.NoticeId, user.Sub, NotificationChannel.Email);
        var sends = platform.Service<SendStore>();

        // A delivery claimed the send two minutes ago and vanished (its lease ran out) …
        Assert.True((await sends.ClaimAsync(key, NotificationKind.RefundIssued, DateTimeOffset.UtcNow.AddMinutes(-2), Ct)).Claimed);
        // … but SES had accepted its mail: its Send event, tagged with the send's id, comes back.
        await Bus.PublishSesEventAsync(platform, ExactlyOnceTests.SesEvent("Send", "ses-" + Guid.NewGuid().ToString("N"), key.Id, "\"send\":{}"));
        await ExactlyOnceTests.Eventually(async () => (await sends.GetAsync(key.Id, Ct))?.Status == SendStatus.Sent);

        await Handler(TimeProvider.System).HandleAsync(notice, Context(), Ct);

        Assert.Empty(await Mail.ToAsync(platform, user.Email));
    }

    [Fact]
    public async Task ADeliveryThatDiedWithNoWordFromSes_IsSentByTheNextOne_AfterItsLease()
    {
        var user = await platform.NewUserAsync();
        var notice = Notice(user.Sub, NotificationKind.RefundIssued);
        var key = new SendKey(notice.NoticeId, user.Sub, NotificationChannel.Email);
        var sends = platform.Service<SendStore>();
        Assert.True((await sends.ClaimAsync(key, NotificationKind.RefundIssued, DateTimeOffset.UtcNow, Ct)).Claimed);

        // While the claim holds, another delivery backs off instead of sending.
        await Assert.ThrowsAsync<SendInFlightException>(() => Handler(TimeProvider.System).HandleAsync(notice, Context(), Ct));
        Assert.Empty(await Mail.ToAsync(platform, user.Email));

        // Once the lease has run out, the next delivery sends it (at least once in that window; docs/notifications.md).
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + SendStore.Lease + TimeSpan.FromSeconds(1));
        await Handler(later).HandleAsync(notice, Context(), Ct);
        Assert.Single(await Mail.ToAsync(platform, user.Email));
        Assert.Equal(2, (await sends.GetAsync(key.Id, Ct))!.Attempts);
    }

    [Fact]
    public async Task ARecipientWithNoAccount_IsLoggedNoAddress_AndNothingIsSent()
    {
        var nobody = Guid.NewGuid().ToString("D");
        var notice = Notice(nobody, NotificationKind.OrderExpired);

        await Handler(TimeProvider.System).HandleAsync(notice, Context(), Ct);

        var record = await platform.Service<SendStore>().GetAsync(new SendKey(notice.NoticeId, nobody, NotificationChannel.Email).Id, Ct);
        Assert.Equal(SendStatus.NoAddress, record!.Status);
    }

    private DeliverNotification Handler(TimeProvider clock)
    {
        var deliverer = ActivatorUtilities.CreateInstance<Deliverer>(platform.Services, clock);
        return new DeliverNotification(deliverer, platform.Service<QueueBackoff>(), clock);
    }

    private static NotificationRequestV1 Notice(string userId, NotificationKind kind) => new(
        Guid.NewGuid().ToString("D"), NotificationKinds.Name(kind), userId, "evt-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow,
        new NoticeDetails
        {
            OrderId = Guid.NewGuid().ToString("N"),
            Amount = new BitcoinEvents.Domain.Messages.MoneyDto(2_500, "EUR"),
            Tickets = [new NoticeTicket(Guid.NewGuid().ToString("N"), "General", "Ada", null)],
            TicketCount = 1,
            Reason = "declined",
        });

    private static SqsMessageContext Context() => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Attributes = new Dictionary<string, string>(),
        MessageAttributes = new Dictionary<string, SqsMessageAttributeValue>(),
        ApproximateReceiveCount = 1,
        Invocation = new LambdaInvocation("test", DateTimeOffset.UtcNow.AddMinutes(1)),
    };

    private async Task<(TestUser User, string Phone)> SmsUserAsync(JsonObject kinds, JsonObject? quietHours = null, bool withDevice = false)
    {
        var user = await platform.NewUserAsync();
        var phone = "+3519" + "1236"[RandomNumberGenerator.GetInt32(4)] + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var api = platform.Client(user);
        if (withDevice)
        {
            using var device = await api.PostAsJsonAsync("/me/push-devices", new { token = "fcm-" + Guid.NewGuid().ToString("N") }, Ct);
            Assert.Equal(HttpStatusCode.OK, device.StatusCode);
            Assert.Equal(1, (await device.Content.ReadFromJsonAsync<JsonObject>(Ct))!["pushDevices"]!.GetValue<int>());
        }

        using var put = await api.PutAsJsonAsync("/me/notification-preferences", new JsonObject
        {
            ["kinds"] = kinds,
            ["phoneNumber"] = phone,
            ["quietHours"] = quietHours,
        }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        return (user, phone);
    }

    private async Task<IReadOnlyList<MobileMessage>> SmsToAsync(string phone)
    {
        using var outbox = platform.Servers.CreateSnsMobileOutbox();
        return [.. (await outbox.GetMessagesAsync(Ct)).Where(m => m.PhoneNumber == phone)];
    }

    private async Task<(SendStatus Status, int Attempts)> SmsRecordAsync(NotificationRequestV1 notice, TestUser user)
    {
        var record = await platform.Service<SendStore>().GetAsync(new SendKey(notice.NoticeId, user.Sub, NotificationChannel.Sms).Id, Ct);
        return (record!.Status, record.Attempts);
    }
}
