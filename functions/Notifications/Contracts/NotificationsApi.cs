using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Contracts;

/// <summary>
/// GET/PUT /me/notification-preferences: per kind, on/off per channel (every kind and channel is
/// listed); the phone number SMS go to; quiet hours; how many devices take push.
/// </summary>
public sealed record PreferencesResponse(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Kinds,
    string? PhoneNumber,
    QuietHoursBody? QuietHours,
    int PushDevices,
    IReadOnlyList<string> Transactional,
    long Version)
{
    public static PreferencesResponse From(NotificationPreferences p) => new(
        NotificationKinds.All.ToDictionary(
            NotificationKinds.Name,
            k => (IReadOnlyDictionary<string, bool>)NotificationChannels.All.ToDictionary(NotificationChannels.Name, c => p.Wants(k, c), StringComparer.Ordinal),
            StringComparer.Ordinal),
        p.PhoneNumber,
        p.QuietHours is { } q ? new QuietHoursBody(Domain.Notifications.QuietHours.Format(q.Start), Domain.Notifications.QuietHours.Format(q.End), q.TimeZone) : null,
        p.PushDevices.Count,
        [.. NotificationKinds.All.Where(NotificationKinds.IsTransactional).Select(NotificationKinds.Name)],
        p.Version);
}

/// <summary>
/// PUT /me/notification-preferences: the whole choice. Kinds not named keep their defaults (email
/// on, SMS and push off); transactional email can't be switched off; SMS needs a phone number;
/// quiet hours are "HH:mm" to "HH:mm" in an IANA time zone (null: none). A member it does not know
/// is refused (a misspelt "phonenumber" must not silently remove the phone number).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdatePreferencesRequest(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>>? Kinds,
    string? PhoneNumber,
    QuietHoursBody? QuietHours);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QuietHoursBody(string? Start, string? End, string? TimeZone);

/// <summary>POST /me/push-devices: the device token the mobile platform (FCM, APNs) gave the app.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegisterPushDeviceRequest(string? Token);

public sealed record PushDevicesResponse(int PushDevices);

/// <summary>One line of GET /me/notifications: what was sent, where (a hash, not the address), how it went. No bodies.</summary>
public sealed record NotificationLogEntry(
    string Id,
    string Kind,
    string Channel,
    string Status,
    string? RecipientHash,
    string? ProviderMessageId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    internal static NotificationLogEntry From(SendLogEntry e) => new(
        e.Id, NotificationKinds.Name(e.Kind), NotificationChannels.Name(e.Channel), SendStore.StatusName(e.Status),
        e.RecipientHash, e.ProviderMessageId, e.Attempts, e.CreatedAt, e.UpdatedAt);
}

public sealed record NotificationLogPage(IReadOnlyList<NotificationLogEntry> Items, string? NextCursor);

/// <summary>What an unsubscribe link does: the kind and channel it switches off, and whether they are off now.</summary>
public sealed record UnsubscribeResponse(string Kind, string Channel, bool Unsubscribed);

/// <summary>Source-generated JSON for the area's API and its deliveries queue (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PreferencesResponse))]
[JsonSerializable(typeof(UpdatePreferencesRequest))]
[JsonSerializable(typeof(RegisterPushDeviceRequest))]
[JsonSerializable(typeof(PushDevicesResponse))]
[JsonSerializable(typeof(NotificationLogPage))]
[JsonSerializable(typeof(UnsubscribeResponse))]
[JsonSerializable(typeof(NotificationRequestV1))]
public sealed partial class NotificationsJsonContext : JsonSerializerContext;

/// <summary>The area's stored records.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PreferencesRecord))]
internal sealed partial class NotificationsStorageJson : JsonSerializerContext;
