using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Notifications;

/// <summary>A device registered for push: its SNS platform endpoint and when it was added.</summary>
public sealed record PushDevice(string EndpointArn, DateTimeOffset RegisteredAt);

/// <summary>
/// One user's choices: per kind, the channels it goes to (kinds not chosen go by email only), the
/// phone number SMS go to, the quiet hours SMS and push wait out, and the devices push goes to.
/// Transactional email is always on, whatever is stored.
/// </summary>
public sealed record NotificationPreferences
{
    /// <summary>At most this many devices per user; registering another drops the oldest.</summary>
    public const int MaxPushDevices = 5;

    public required string UserId { get; init; }

    /// <summary>The channels of each kind the user chose; a kind missing here has its defaults.</summary>
    public IReadOnlyDictionary<NotificationKind, IReadOnlySet<NotificationChannel>> Choices { get; init; } =
        new Dictionary<NotificationKind, IReadOnlySet<NotificationChannel>>();

    /// <summary>E.164, as <see cref="SmsPhoneNumbers.Normalize"/> keeps it; null: no SMS.</summary>
    public string? PhoneNumber { get; init; }

    public QuietHours? QuietHours { get; init; }

    public IReadOnlyList<PushDevice> PushDevices { get; init; } = [];

    /// <summary>0 until first stored; every write is conditional on it.</summary>
    public long Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public static NotificationPreferences Default(string userId) => new() { UserId = userId };

    /// <summary>Whether the user wants <paramref name="kind"/> on <paramref name="channel"/> (not whether they can be reached there).</summary>
    public bool Wants(NotificationKind kind, NotificationChannel channel)
    {
        if (channel == NotificationChannel.Email && NotificationKinds.IsTransactional(kind))
        {
            return true;
        }

        return Choices.TryGetValue(kind, out var channels)
            ? channels.Contains(channel)
            : NotificationChannels.IsOnByDefault(channel);
    }

    /// <summary>
    /// What to do with <paramref name="kind"/> on <paramref name="channel"/> at <paramref name="now"/>:
    /// send it, or not (opted out; nowhere to send it), or wait for the quiet hours to end (SMS, push).
    /// </summary>
    public ChannelDecision Decide(NotificationKind kind, NotificationChannel channel, DateTimeOffset now)
    {
        if (!Wants(kind, channel))
        {
            return ChannelDecision.OptedOut;
        }

        switch (channel)
        {
            case NotificationChannel.Sms when PhoneNumber is null:
            case NotificationChannel.Push when PushDevices.Count == 0:
                return ChannelDecision.Unreachable;
            case NotificationChannel.Sms or NotificationChannel.Push when QuietHours?.IsQuietAt(now) == true:
                return ChannelDecision.DeferUntil(QuietHours.EndAfter(now));
            default:
                return ChannelDecision.Send;
        }
    }

    /// <summary>These preferences with <paramref name="endpointArn"/> registered (the oldest dropped past <see cref="MaxPushDevices"/>).</summary>
    public NotificationPreferences WithPushDevice(string endpointArn, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointArn);
        var devices = PushDevices.Where(d => d.EndpointArn != endpointArn).Append(new PushDevice(endpointArn, now))
            .OrderByDescending(d => d.RegisteredAt).Take(MaxPushDevices).OrderBy(d => d.RegisteredAt).ToList();
        return this with { PushDevices = devices };
    }

    /// <summary>These preferences without <paramref name="kind"/> on <paramref name="channel"/> (what an unsubscribe link does); transactional email stays.</summary>
    public NotificationPreferences Without(NotificationKind kind, NotificationChannel channel)
    {
        var channels = NotificationChannels.All.Where(c => c != channel && Wants(kind, c)).ToHashSet();
        var choices = new Dictionary<NotificationKind, IReadOnlySet<NotificationChannel>>(Choices) { [kind] = channels };
        return this with { Choices = choices };
    }

    /// <summary>
    /// The preferences a user asked for: <paramref name="kinds"/> maps kind names to channel names
    /// and on/off (kinds not named keep their defaults), with a phone number (E.164) and quiet hours.
    /// Every refused field is named; registered devices are kept.
    /// </summary>
    public Result<NotificationPreferences> Replace(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>>? kinds,
        string? phoneNumber,
        (string? Start, string? End, string? TimeZone)? quietHours)
    {
        var errors = new List<FieldError>();
        string? phone = null;
        if (phoneNumber is not null)
        {
            phone = SmsPhoneNumbers.Normalize(phoneNumber, out var reason);
            if (phone is null)
            {
                errors.Add(new("phoneNumber", reason!));
            }
        }

        var quiet = quietHours is { } q ? QuietHours.Parse(q.Start, q.End, q.TimeZone, "quietHours", errors) : null;
        var choices = new Dictionary<NotificationKind, IReadOnlySet<NotificationChannel>>();
        foreach (var (kindName, channels) in kinds ?? new Dictionary<string, IReadOnlyDictionary<string, bool>>())
        {
            var field = "kinds." + kindName;
            if (!NotificationKinds.TryParse(kindName, out var kind))
            {
                errors.Add(new(field, "is not a kind of notification: " + string.Join(", ", NotificationKinds.All.Select(NotificationKinds.Name)) + "."));
                continue;
            }

            var chosen = NotificationChannels.All.Where(NotificationChannels.IsOnByDefault).ToHashSet();
            foreach (var (channelName, on) in channels ?? new Dictionary<string, bool>())
            {
                if (!NotificationChannels.TryParse(channelName, out var channel))
                {
                    errors.Add(new(field + "." + channelName, "is not a channel: email, sms or push."));
                    continue;
                }

                if (channel == NotificationChannel.Email && !on && NotificationKinds.IsTransactional(kind))
                {
                    errors.Add(new(field + ".email", "can't be switched off: it is transactional (tickets, receipts, changes to what you bought)."));
                    continue;
                }

                if (on && channel == NotificationChannel.Sms && phoneNumber is null)
                {
                    errors.Add(new(field + ".sms", "needs a phoneNumber to send the text messages to."));
                }

                if (on && channel == NotificationChannel.Push && PushDevices.Count == 0)
                {
                    errors.Add(new(field + ".push", "needs a registered device (POST /me/push-devices) first."));
                }

                if (on)
                {
                    chosen.Add(channel);
                }
                else
                {
                    chosen.Remove(channel);
                }
            }

            choices[kind] = chosen;
        }

        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        return this with { Choices = choices, PhoneNumber = phone, QuietHours = quiet };
    }
}

/// <summary>What happens to one notification on one channel.</summary>
public sealed record ChannelDecision(ChannelOutcome Outcome, DateTimeOffset? Until = null)
{
    public static ChannelDecision Send { get; } = new(ChannelOutcome.Send);

    public static ChannelDecision OptedOut { get; } = new(ChannelOutcome.OptedOut);

    public static ChannelDecision Unreachable { get; } = new(ChannelOutcome.Unreachable);

    public static ChannelDecision DeferUntil(DateTimeOffset until) => new(ChannelOutcome.Deferred, until);
}

public enum ChannelOutcome
{
    Send,

    /// <summary>The user does not want this kind on this channel.</summary>
    OptedOut,

    /// <summary>No phone number, no device.</summary>
    Unreachable,

    /// <summary>Quiet hours: try again at <see cref="ChannelDecision.Until"/>.</summary>
    Deferred,
}
