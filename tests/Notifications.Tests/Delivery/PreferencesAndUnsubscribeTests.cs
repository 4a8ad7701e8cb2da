using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using Notifications.Tests.Support;

namespace Notifications.Tests.Delivery;

/// <summary>Opting out of reminders stops reminders, not receipts; the one-click link unsubscribes without signing in.</summary>
public sealed class PreferencesAndUnsubscribeTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OptingOutOfReminders_StopsReminders_ButNotReceipts()
    {
        var user = await platform.NewUserAsync();
        using var api = platform.Client(user);
        using (var put = await api.PutAsJsonAsync("/me/notification-preferences", new JsonObject
        {
            ["kinds"] = new JsonObject { ["eventReminder"] = new JsonObject { ["email"] = false } },
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await platform.Service<DeliveriesQueue>().EnqueueAsync([Reminder(user.Sub, "evt-r1")], Ct);
        await Bus.PublishAsync(platform, Bus.Envelope(ExactlyOnceTests.OrderPaid(user.Sub, "evt-r1"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));

        var email = Assert.Single(await Mail.WaitForAsync(platform, user.Email));
        Assert.StartsWith("Your ticket", email.Subject, StringComparison.Ordinal);
        await Mail.DrainAsync(platform);
        Assert.Single(await Mail.ToAsync(platform, user.Email));
        var log = await LogAsync(user);
        Assert.Contains(log, l => l["kind"]!.GetValue<string>() == "eventReminder" && l["status"]!.GetValue<string>() == "opted_out");
        Assert.Contains(log, l => l["kind"]!.GetValue<string>() == "orderConfirmation" && l["status"]!.GetValue<string>() == "sent");
    }

    [Fact]
    public async Task TheUnsubscribeLink_WorksWithoutSigningIn_AndStopsTheNextReminder()
    {
        var user = await platform.NewUserAsync();
        await platform.Service<DeliveriesQueue>().EnqueueAsync([Reminder(user.Sub, "evt-u1")], Ct);
        var reminder = Assert.Single(await Mail.WaitForAsync(platform, user.Email));

        // RFC 8058: the HTTPS URI in List-Unsubscribe, and List-Unsubscribe-Post saying one click.
        var header = Mail.Header(reminder, "List-Unsubscribe");
        Assert.Equal("List-Unsubscribe=One-Click", Mail.Header(reminder, "List-Unsubscribe-Post"));
        Assert.NotNull(header);
        Assert.Matches("^<http://127\\.0\\.0\\.1:\\d+/notifications/unsubscribe\\?token=[^>]+>$", header);
        var link = new Uri(header![1..^1]);
        Assert.Contains(link.AbsoluteUri, reminder.Text, StringComparison.Ordinal);

        // The page the link opens asks first (a scanner following it changes nothing).
        using var anonymous = new HttpClient();
        using (var page = await anonymous.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<form method=\"post\">", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.True((await PreferencesAsync(user))["kinds"]!["eventReminder"]!["email"]!.GetValue<bool>());

        // What a mail client does: POST the one-click body, no cookies, no credentials.
        using (var click = await anonymous.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
            var answer = await click.Content.ReadFromJsonAsync<JsonObject>(Ct);
            Assert.Equal("eventReminder", answer!["kind"]!.GetValue<string>());
            Assert.True(answer["unsubscribed"]!.GetValue<bool>());
        }

        // Again (a client retrying), and as multipart: still 200, still off.
        using (var again = await anonymous.PostAsync(link, new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var preferences = await PreferencesAsync(user);
        Assert.False(preferences["kinds"]!["eventReminder"]!["email"]!.GetValue<bool>());
        Assert.True(preferences["kinds"]!["orderConfirmation"]!["email"]!.GetValue<bool>());

        await platform.Service<DeliveriesQueue>().EnqueueAsync([Reminder(user.Sub, "evt-u2")], Ct);
        await ExactlyOnceTests.Eventually(async () => (await LogAsync(user)).Any(l => l["status"]!.GetValue<string>() == "opted_out"));
        await Mail.DrainAsync(platform);
        Assert.Single(await Mail.ToAsync(platform, user.Email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=v1.abc.def")]
    [InlineData("?token=v2.MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxCmV2ZW50UmVtaW5kZXIKZW1haWw.AAAA")]
    public async Task AForgedOrMangledLink_IsA404Problem_AndChangesNothing(string query)
    {
        using var anonymous = platform.Client();
        using var get = await anonymous.GetAsync("/notifications/unsubscribe" + query, Ct);
        using var post = await anonymous.PostAsync("/notifications/unsubscribe" + query, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ALinkSignedForAnotherUser_ChangesOnlyThatUser()
    {
        var alice = await platform.NewUserAsync();
        var bob = await platform.NewUserAsync();
        await platform.Service<DeliveriesQueue>().EnqueueAsync([Reminder(alice.Sub, "evt-x")], Ct);
        var link = new Uri(Mail.Header(Assert.Single(await Mail.WaitForAsync(platform, alice.Email)), "List-Unsubscribe")![1..^1]);

        using var anonymous = new HttpClient();
        using var click = await anonymous.PostAsync(link, content: null, Ct);

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.False((await PreferencesAsync(alice))["kinds"]!["eventReminder"]!["email"]!.GetValue<bool>());
        Assert.True((await PreferencesAsync(bob))["kinds"]!["eventReminder"]!["email"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Receipts_CarryNoUnsubscribeHeader()
    {
        var user = await platform.NewUserAsync();
        await Bus.PublishAsync(platform, Bus.Envelope(ExactlyOnceTests.OrderPaid(user.Sub, "evt-h"), MessagesJsonContext.Default.OrderPaidV1, "ticketing", "order"));

        var email = Assert.Single(await Mail.WaitForAsync(platform, user.Email));

        Assert.Null(Mail.Header(email, "List-Unsubscribe"));
        Assert.DoesNotContain("unsubscribe", email.Text ?? "", StringComparison.OrdinalIgnoreCase);
    }

    internal static NotificationRequestV1 Reminder(string userId, string eventId) => new(
        "reminder-" + eventId + "-" + Guid.NewGuid().ToString("N"), "eventReminder", userId, eventId, DateTimeOffset.UtcNow, new NoticeDetails { TicketCount = 2 });

    private async Task<JsonObject> PreferencesAsync(BitcoinEvents.TestSupport.TestUser user)
    {
        using var api = platform.Client(user);
        return (await api.GetFromJsonAsync<JsonObject>("/me/notification-preferences", Ct))!;
    }

    private async Task<IReadOnlyList<JsonObject>> LogAsync(BitcoinEvents.TestSupport.TestUser user)
    {
        using var api = platform.Client(user);
        var page = await api.GetFromJsonAsync<JsonObject>("/me/notifications?limit=100", Ct);
        return [.. page!["items"]!.AsArray().Select(i => i!.AsObject())];
    }
}
