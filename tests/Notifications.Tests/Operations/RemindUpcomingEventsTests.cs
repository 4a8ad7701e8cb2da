using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Notifications.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Notifications.Tests.Support;

namespace Notifications.Tests.Operations;

/// <summary>Reminders: 24 hours before an event starts, every holder once, not the ones whose order was cancelled.</summary>
public sealed class RemindUpcomingEventsTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryHolder_GetsOneReminder_HoweverOftenTheJobRuns_AndACancelledOrderGetsNone()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var twoTickets = await platform.NewUserAsync();
        var cancelled = await platform.NewUserAsync();
        var now = DateTimeOffset.UtcNow;
        var startsAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(23).AddMinutes(30);
        var (eventId, typeId) = await Shop.FreeEventAsync(platform, organizer, startsAt, "Reminder Night");
        await Shop.BuyFreeAsync(platform, twoTickets, eventId, typeId, quantity: 2);
        await Mail.WaitForAsync(platform, twoTickets.Email);

        // Another holder, whose order is then cancelled (the cancellation may even arrive first).
        var paid = new OrderPaidV1(Guid.NewGuid().ToString("N"), eventId, cancelled.Sub, new MoneyDto(0, "EUR"), [new(Guid.NewGuid().ToString("N"), typeId, "General", "Bob", null)], now);
        await Bus.PublishAsync(platform, Bus.Envelope(new OrderCancelledV1(paid.OrderId, eventId, cancelled.Sub, "changed plans", false, now), MessagesJsonContext.Default.OrderCancelledV1, "ticketing", paid.OrderId));
        await Bus.PublishAsync(platform, Bus.Envelope(paid, MessagesJsonContext.Default.OrderPaidV1, "ticketing", paid.OrderId));
        await Mail.DrainAsync(platform);
        var cancelledMail = (await Mail.ToAsync(platform, cancelled.Email)).Count;

        var job = ActivatorUtilities.CreateInstance<RemindUpcomingEvents>(platform.Services, new FakeTimeProvider(now));
        var first = await job.RunAsync(Ct);
        var second = await job.RunAsync(Ct);

        Assert.True(first >= 1, "The first run queued no reminder.");
        Assert.Equal(0, second);
        var reminders = await Mail.WaitForAsync(platform, twoTickets.Email, 1, where: e => e.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
        await Mail.DrainAsync(platform);
        reminders = await Mail.WaitForAsync(platform, twoTickets.Email, 1, where: e => e.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
        Assert.Equal("Tomorrow: Reminder Night", Assert.Single(reminders).Subject);
        Assert.Contains("You hold 2 tickets", reminders[0].Text, StringComparison.Ordinal);
        await Mail.DrainAsync(platform);
        Assert.Equal(cancelledMail, (await Mail.ToAsync(platform, cancelled.Email)).Count);
        Assert.DoesNotContain(await Mail.ToAsync(platform, cancelled.Email), e => e.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventOutsideTheWindow_GetsNoReminderYet()
    {
        var organizer = await platform.NewUserAsync("organizer");
        var buyer = await platform.NewUserAsync();
        var now = DateTimeOffset.UtcNow;
        var (eventId, typeId) = await Shop.FreeEventAsync(platform, organizer, now.AddHours(30), "Later Night");
        await Shop.BuyFreeAsync(platform, buyer, eventId, typeId);
        await Mail.WaitForAsync(platform, buyer.Email);

        await ActivatorUtilities.CreateInstance<RemindUpcomingEvents>(platform.Services, new FakeTimeProvider(now)).RunAsync(Ct);
        await Mail.DrainAsync(platform);

        Assert.DoesNotContain(await Mail.ToAsync(platform, buyer.Email), e => e.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
    }
}
