using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Domain.Results;
using NodaTime;

namespace BitcoinEvents.Domain.Tests.Notifications;

public sealed class NotificationPreferencesTests
{
    private static readonly NotificationPreferences Defaults = NotificationPreferences.Default("u1");

    private static readonly DateTimeOffset Noon = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ByDefault_EveryKindGoesByEmail_AndNothingBySmsOrPush()
    {
        foreach (var kind in NotificationKinds.All)
        {
            Assert.True(Defaults.Wants(kind, NotificationChannel.Email));
            Assert.False(Defaults.Wants(kind, NotificationChannel.Sms));
            Assert.False(Defaults.Wants(kind, NotificationChannel.Push));
        }
    }

    [Fact]
    public void TransactionalEmail_StaysOn_WhateverIsStored()
    {
        var stored = Defaults with
        {
            Choices = new Dictionary<NotificationKind, IReadOnlySet<NotificationChannel>> { [NotificationKind.OrderConfirmation] = new HashSet<NotificationChannel>() },
        };

        Assert.True(stored.Wants(NotificationKind.OrderConfirmation, NotificationChannel.Email));
        Assert.Equal(ChannelOutcome.Send, stored.Decide(NotificationKind.OrderConfirmation, NotificationChannel.Email, Noon).Outcome);
    }

    [Fact]
    public void Replace_RefusesSwitchingTransactionalEmailOff_NamingTheField()
    {
        var result = Defaults.Replace(Kinds(("refundIssued", "email", false)), null, null);

        var failed = Assert.IsType<ValidationFailed>(result.Error);
        Assert.Equal("kinds.refundIssued.email", Assert.Single(failed.Errors).Field);
    }

    [Fact]
    public void Replace_SwitchesRemindersOff_AndKeepsEverythingElse()
    {
        var result = Defaults.Replace(Kinds(("eventReminder", "email", false)), null, null);

        Assert.False(result.Value.Wants(NotificationKind.EventReminder, NotificationChannel.Email));
        Assert.True(result.Value.Wants(NotificationKind.OrderConfirmation, NotificationChannel.Email));
        Assert.Equal(ChannelOutcome.OptedOut, result.Value.Decide(NotificationKind.EventReminder, NotificationChannel.Email, Noon).Outcome);
    }

    [Fact]
    public void Replace_NamesEveryRefusedField_AtOnce()
    {
        var result = Defaults.Replace(
            Kinds(("newsletter", "email", true), ("eventReminder", "fax", true), ("eventReminder", "sms", true)),
            "12345",
            ("7am", "22:00", "Nowhere/City"));

        var fields = Assert.IsType<ValidationFailed>(result.Error).Errors.Select(e => e.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "kinds.newsletter", "kinds.eventReminder.fax", "phoneNumber", "quietHours.start", "quietHours.timeZone" },
            fields);
    }

    [Fact]
    public void Sms_NeedsAPhoneNumber_AndPushADevice()
    {
        var withSms = Defaults.Replace(Kinds(("eventReminder", "sms", true)), "+351912345678", null).Value;

        Assert.Equal(ChannelOutcome.Send, withSms.Decide(NotificationKind.EventReminder, NotificationChannel.Sms, Noon).Outcome);
        Assert.Equal(ChannelOutcome.Unreachable, (withSms with { PhoneNumber = null }).Decide(NotificationKind.EventReminder, NotificationChannel.Sms, Noon).Outcome);
        Assert.IsType<ValidationFailed>(Defaults.Replace(Kinds(("eventReminder", "push", true)), null, null).Error);
        var device = Defaults.WithPushDevice("arn:aws:sns:us-east-1:1:endpoint/GCM/app/1", Noon);
        Assert.True(device.Replace(Kinds(("eventReminder", "push", true)), null, null).IsSuccess);
    }

    [Fact]
    public void InQuietHours_SmsAndPushWait_EmailDoesNot()
    {
        var quiet = Defaults.Replace(Kinds(("eventReminder", "sms", true)), "+351912345678", ("22:00", "07:00", "Europe/Lisbon")).Value;
        var lateEvening = new DateTimeOffset(2030, 7, 15, 21, 30, 0, TimeSpan.Zero); // 22:30 WEST

        var sms = quiet.Decide(NotificationKind.EventReminder, NotificationChannel.Sms, lateEvening);

        Assert.Equal(ChannelOutcome.Deferred, sms.Outcome);
        Assert.Equal(new DateTimeOffset(2030, 7, 16, 6, 0, 0, TimeSpan.Zero), sms.Until); // 07:00 WEST
        Assert.Equal(ChannelOutcome.Send, quiet.Decide(NotificationKind.EventReminder, NotificationChannel.Email, lateEvening).Outcome);
    }

    [Fact]
    public void Without_SwitchesOneKindOffOnOneChannel()
    {
        var both = Defaults.Replace(Kinds(("eventReminder", "sms", true)), "+351912345678", null).Value;

        var without = both.Without(NotificationKind.EventReminder, NotificationChannel.Email);

        Assert.False(without.Wants(NotificationKind.EventReminder, NotificationChannel.Email));
        Assert.True(without.Wants(NotificationKind.EventReminder, NotificationChannel.Sms));
        Assert.True(Defaults.Without(NotificationKind.OrderConfirmation, NotificationChannel.Email).Wants(NotificationKind.OrderConfirmation, NotificationChannel.Email));
    }

    [Fact]
    public void PushDevices_KeepTheFiveNewest_AndATokenOnce()
    {
        var preferences = Defaults;
        for (var i = 0; i < 7; i++)
        {
            preferences = preferences.WithPushDevice($"arn:{i}", Noon.AddMinutes(i));
        }

        preferences = preferences.WithPushDevice("arn:6", Noon.AddMinutes(10));

        Assert.Equal(["arn:2", "arn:3", "arn:4", "arn:5", "arn:6"], preferences.PushDevices.Select(d => d.EndpointArn));
    }

    private static Dictionary<string, IReadOnlyDictionary<string, bool>> Kinds(params (string Kind, string Channel, bool On)[] choices) =>
        choices.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, bool>)g.ToDictionary(c => c.Channel, c => c.On));
}

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("22:00", "07:00", "2030-01-15T23:30:00Z", true)]
    [InlineData("22:00", "07:00", "2030-01-15T06:59:00Z", true)]
    [InlineData("22:00", "07:00", "2030-01-15T07:00:00Z", false)]
    [InlineData("22:00", "07:00", "2030-01-15T21:59:00Z", false)]
    [InlineData("01:00", "05:00", "2030-01-15T03:00:00Z", true)]
    [InlineData("01:00", "05:00", "2030-01-15T05:00:00Z", false)]
    public void IsQuietAt_ReadsTheWindowInItsZone(string start, string end, string at, bool quiet)
    {
        var hours = Parse(start, end, "Europe/Lisbon");

        Assert.Equal(quiet, hours.IsQuietAt(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void EndAfter_InASpringForwardGap_MovesLaterByTheGap()
    {
        // Lisbon skips 01:00–02:00 on 28 March 2027: a window ending at 01:30 ends the gap's length
        // later, 02:30 WEST (01:30 UTC), never earlier than the clock said.
        var hours = Parse("23:00", "01:30", "Europe/Lisbon");

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), hours.EndAfter(new DateTimeOffset(2027, 3, 27, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("7:00")]
    [InlineData("24:00")]
    [InlineData("07:00:00")]
    [InlineData("")]
    [InlineData(null)]
    public void TimesThatAreNotHHmm_AreRefused(string? text)
    {
        Assert.False(QuietHours.TryParseTime(text, out _));
    }

    private static QuietHours Parse(string start, string end, string zone)
    {
        Assert.True(QuietHours.TryParseTime(start, out var s));
        Assert.True(QuietHours.TryParseTime(end, out var e));
        return new QuietHours(s, e, zone);
    }
}

public sealed class SmsPhoneNumbersTests
{
    [Theory]
    [InlineData("+351912345678", "+351912345678")]
    [InlineData("+447911123456", "+447911123456")]
    [InlineData("+14155552671", "+14155552671")]
    [InlineData("+919876543210", "+919876543210")]
    public void AMobileNumberInE164_IsKept(string input, string expected)
    {
        Assert.Equal(expected, SmsPhoneNumbers.Normalize(input, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("912345678")]
    [InlineData("+351 912 345 678")]
    [InlineData("00351912345678")]
    [InlineData("+351212345678")]
    [InlineData("+3519123")]
    [InlineData("+99912345678")]
    [InlineData("+35191234567８")]
    [InlineData("")]
    public void AnythingElse_IsRefusedWithAReason(string input)
    {
        Assert.Null(SmsPhoneNumbers.Normalize(input, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
