using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Storage;
using BitcoinEvents.Notifications.Contracts;
using QuietWindow = BitcoinEvents.Domain.Notifications.QuietHours;

namespace BitcoinEvents.Notifications.Storage;

/// <summary>Users' preferences: <c>USER#{userId}</c> / <c>PREFERENCES</c>, the record as JSON in <c>data</c>, writes conditional on <c>version</c>.</summary>
internal sealed class PreferencesStore(IAmazonDynamoDB dynamo, NotificationsTable table)
{
    private const string Sk = "PREFERENCES";

    /// <summary>The user's preferences, or the defaults (version 0) when they never chose.</summary>
    public async Task<NotificationPreferences> GetAsync(string userId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(userId), ConsistentRead = consistent }, ct);
        if (response.Item is not { Count: > 0 } item)
        {
            return NotificationPreferences.Default(userId);
        }

        var record = JsonSerializer.Deserialize(Attr.RequireString(item, "data"), NotificationsStorageJson.Default.PreferencesRecord)
            ?? throw new InvalidDataException("Preferences data is JSON null.");
        return record.ToDomain(userId, Attr.GetLong(item, "version"));
    }

    /// <summary>Stores <paramref name="preferences"/> if the stored version is still <see cref="NotificationPreferences.Version"/>; a 409 otherwise.</summary>
    public async Task<Result<NotificationPreferences>> SaveAsync(NotificationPreferences preferences, DateTimeOffset now, CancellationToken ct)
    {
        var saved = preferences with { Version = preferences.Version + 1, UpdatedAt = now };
        var item = Key(preferences.UserId);
        item["data"] = Attr.S(JsonSerializer.Serialize(PreferencesRecord.From(saved), NotificationsStorageJson.Default.PreferencesRecord));
        item["version"] = Attr.N(saved.Version);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = table.Name,
                Item = item,
                ConditionExpression = preferences.Version == 0 ? "attribute_not_exists(pk)" : "version = :expected",
                ExpressionAttributeValues = preferences.Version == 0 ? null : new() { [":expected"] = Attr.N(preferences.Version) },
            }, ct);
            return saved;
        }
        catch (ConditionalCheckFailedException)
        {
            return new Conflict("The preferences changed meanwhile (another device?): read them again and retry.");
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [NotificationsTable.Pk] = Attr.S("USER#" + userId),
        [NotificationsTable.Sk] = Attr.S(Sk),
    };
}

/// <summary>Preferences as stored (names, not enum numbers, so a reordered enum can't change a choice).</summary>
internal sealed record PreferencesRecord(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Choices,
    string? PhoneNumber,
    QuietHoursRecord? QuietHours,
    IReadOnlyList<PushDeviceRecord> PushDevices,
    DateTimeOffset? UpdatedAt)
{
    public static PreferencesRecord From(NotificationPreferences p) => new(
        p.Choices.ToDictionary(c => NotificationKinds.Name(c.Key), c => (IReadOnlyList<string>)[.. c.Value.Order().Select(NotificationChannels.Name)], StringComparer.Ordinal),
        p.PhoneNumber,
        p.QuietHours is { } q ? new QuietHoursRecord(QuietWindow.Format(q.Start), QuietWindow.Format(q.End), q.TimeZone) : null,
        [.. p.PushDevices.Select(d => new PushDeviceRecord(d.EndpointArn, d.RegisteredAt))],
        p.UpdatedAt);

    public NotificationPreferences ToDomain(string userId, long version)
    {
        var choices = new Dictionary<NotificationKind, IReadOnlySet<NotificationChannel>>();
        foreach (var (kindName, channels) in Choices)
        {
            if (NotificationKinds.TryParse(kindName, out var kind))
            {
                var set = new HashSet<NotificationChannel>();
                foreach (var name in channels)
                {
                    if (NotificationChannels.TryParse(name, out var channel))
                    {
                        set.Add(channel);
                    }
                }

                choices[kind] = set;
            }
        }

        QuietWindow? quiet = null;
        if (QuietHours is { } q && QuietWindow.TryParseTime(q.Start, out var start) && QuietWindow.TryParseTime(q.End, out var end))
        {
            quiet = new QuietWindow(start, end, q.TimeZone);
        }

        return new NotificationPreferences
        {
            UserId = userId,
            Choices = choices,
            PhoneNumber = PhoneNumber,
            QuietHours = quiet,
            PushDevices = [.. PushDevices.Select(d => new PushDevice(d.EndpointArn, d.RegisteredAt))],
            Version = version,
            UpdatedAt = UpdatedAt,
        };
    }
}

internal sealed record QuietHoursRecord(string Start, string End, string TimeZone);

internal sealed record PushDeviceRecord(string EndpointArn, DateTimeOffset RegisteredAt);
