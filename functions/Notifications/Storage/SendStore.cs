using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Notifications.Storage;

/// <summary>Where one send stands. Final ones are never sent again.</summary>
internal enum SendStatus
{
    /// <summary>Claimed: a delivery is sending it until its lease runs out.</summary>
    Sending,

    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>The recipient's mail server took it (SES delivery event).</summary>
    Delivered,

    /// <summary>The last attempt failed; the next delivery of the notice tries again.</summary>
    Failed,

    /// <summary>The recipient switched this kind off on this channel.</summary>
    OptedOut,

    /// <summary>The address is on the suppression list (it bounced or complained before).</summary>
    Suppressed,

    /// <summary>The recipient has no address there (no such user, a disabled account).</summary>
    NoAddress,

    /// <summary>The recipient's server refused it for good (SES bounce event).</summary>
    Bounced,

    /// <summary>The recipient marked it as spam (SES complaint event).</summary>
    Complained,
}

/// <summary>(notice, recipient, channel): what is sent at most once (and, barring the crash window, exactly once).</summary>
internal sealed record SendKey(string NoticeId, string RecipientId, NotificationChannel Channel)
{
    /// <summary>32 hex digits of SHA-256 over the three parts: the item's id and the SES tag that comes back in feedback.</summary>
    public string Id { get; } = Hash(NoticeId + "\n" + RecipientId + "\n" + NotificationChannels.Name(Channel));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}

/// <summary>What a claim found.</summary>
internal readonly record struct Claim(bool Claimed, int Attempt, SendStatus? Status, DateTimeOffset? LeaseUntil);

/// <summary>One line of a user's send log: no body, no address.</summary>
internal sealed record SendLogEntry(
    string Id, NotificationKind Kind, NotificationChannel Channel, SendStatus Status, string? RecipientHash,
    string? ProviderMessageId, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The send records (<c>SEND#{id}</c> / <c>SEND</c>) and the send log they make (index ByRecipient:
/// <c>USER#{recipientId}</c>, <c>{createdAt}#{id}</c>). A send is claimed with a conditional write
/// before it happens; a claim whose lease ran out (its delivery crashed) or whose attempt failed
/// may be taken again; a final status is never overwritten by a claim.
/// </summary>
internal sealed class SendStore(IAmazonDynamoDB dynamo, NotificationsTable table)
{
    /// <summary>How long a claim holds off another delivery: more than a delivery can take (the function's timeout).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    /// <summary>How long a send record (and its log line) is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(180);

    private const string Sk = "SEND";

    public static string StatusName(SendStatus status) => status switch
    {
        SendStatus.Sending => "sending",
        SendStatus.Sent => "sent",
        SendStatus.Delivered => "delivered",
        SendStatus.Failed => "failed",
        SendStatus.OptedOut => "opted_out",
        SendStatus.Suppressed => "suppressed",
        SendStatus.NoAddress => "no_address",
        SendStatus.Bounced => "bounced",
        SendStatus.Complained => "complained",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static SendStatus ParseStatus(string name) =>
        Enum.GetValues<SendStatus>().FirstOrDefault(s => StatusName(s) == name, SendStatus.Failed);

    /// <summary>
    /// Claims the send: true when this delivery is to send it now (new, failed before, or its last
    /// claim's lease ran out). Otherwise what stands: a final status (nothing to do) or a claim
    /// still held by another delivery.
    /// </summary>
    public async Task<Claim> ClaimAsync(SendKey key, NotificationKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var created = Attr.Instant(now);
        try
        {
            var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(key.Id),
                UpdateExpression = "SET #status = :sending, leaseUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one, " +
                    "createdAt = if_not_exists(createdAt, :now), updatedAt = :now, kind = :kind, channel = :channel, " +
                    "gsi1pk = :recipient, gsi1sk = if_not_exists(gsi1sk, :sortKey), expiresAt = :ttl",
                ConditionExpression = "attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND leaseUntil < :now)",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = new()
                {
                    [":sending"] = Attr.S(StatusName(SendStatus.Sending)),
                    [":failed"] = Attr.S(StatusName(SendStatus.Failed)),
                    [":lease"] = Attr.S(Attr.Instant(now + Lease)),
                    [":zero"] = Attr.N(0),
                    [":one"] = Attr.N(1),
                    [":now"] = Attr.S(created),
                    [":kind"] = Attr.S(NotificationKinds.Name(kind)),
                    [":channel"] = Attr.S(NotificationChannels.Name(key.Channel)),
                    [":recipient"] = Attr.S(RecipientPartition(key.RecipientId)),
                    [":sortKey"] = Attr.S(created + "#" + key.Id),
                    [":ttl"] = Attr.N((now + Retention).ToUnixTimeSeconds()),
                },
                ReturnValues = ReturnValue.ALL_NEW,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, ct);
            return new Claim(true, checked((int)Attr.GetLong(response.Attributes, "attempts")), SendStatus.Sending, now + Lease);
        }
        catch (ConditionalCheckFailedException failed)
        {
            var old = failed.Item ?? [];
            var status = ParseStatus(Attr.GetString(old, "status") ?? StatusName(SendStatus.Failed));
            return new Claim(false, checked((int)Attr.GetLong(old, "attempts")), status, Attr.GetInstant(old, "leaseUntil"));
        }
    }

    /// <summary>The outcome of this delivery's claim; ignored when feedback already moved the send on (the claim is no longer "sending").</summary>
    public async Task CompleteAsync(SendKey key, SendStatus status, DateTimeOffset now, string? recipientHash, string? providerMessageId, string? error, CancellationToken ct)
    {
        var set = new List<string> { "#status = :status", "updatedAt = :now" };
        var values = new Dictionary<string, AttributeValue>
        {
            [":status"] = Attr.S(StatusName(status)),
            [":now"] = Attr.S(Attr.Instant(now)),
            [":sending"] = Attr.S(StatusName(SendStatus.Sending)),
        };
        Optional("recipientHash", recipientHash);
        Optional("providerMessageId", providerMessageId);
        Optional("lastError", error);
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(key.Id),
                UpdateExpression = "SET " + string.Join(", ", set),
                ConditionExpression = "#status = :sending",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // SES's own event (Send, Delivery) recorded it first: that is at least as far along.
        }

        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                set.Add($"{name} = :{name}");
                values[":" + name] = Attr.S(value);
            }
        }
    }

    /// <summary>Records a send that was decided without sending (opted out): once, never over another status.</summary>
    public async Task RecordUnsentAsync(SendKey key, NotificationKind kind, SendStatus status, DateTimeOffset now, CancellationToken ct)
    {
        var created = Attr.Instant(now);
        var item = Key(key.Id);
        item["status"] = Attr.S(StatusName(status));
        item["attempts"] = Attr.N(0);
        item["createdAt"] = Attr.S(created);
        item["updatedAt"] = Attr.S(created);
        item["kind"] = Attr.S(NotificationKinds.Name(kind));
        item["channel"] = Attr.S(NotificationChannels.Name(key.Channel));
        item[NotificationsTable.RecipientPk] = Attr.S(RecipientPartition(key.RecipientId));
        item[NotificationsTable.RecipientSk] = Attr.S(created + "#" + key.Id);
        item[NotificationsTable.Ttl] = Attr.N((now + Retention).ToUnixTimeSeconds());
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Decided before (a duplicate delivery).
        }
    }

    /// <summary>
    /// What SES reported about a send it accepted (by the send id it was tagged with): Send
    /// (accepted: a crashed delivery's claim is settled and not sent again), Delivery, Bounce,
    /// Complaint. A send only moves forward; an unknown id changes nothing. True when it moved.
    /// </summary>
    public async Task<bool> ApplyFeedbackAsync(string sendId, SendStatus status, string? providerMessageId, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<SendStatus> from = status switch
        {
            SendStatus.Sent => [SendStatus.Sending, SendStatus.Failed],
            SendStatus.Delivered => [SendStatus.Sending, SendStatus.Failed, SendStatus.Sent],
            SendStatus.Bounced or SendStatus.Complained => [SendStatus.Sending, SendStatus.Failed, SendStatus.Sent, SendStatus.Delivered],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Feedback is Sent, Delivered, Bounced or Complained."),
        };
        var values = new Dictionary<string, AttributeValue> { [":status"] = Attr.S(StatusName(status)), [":now"] = Attr.S(Attr.Instant(now)) };
        for (var i = 0; i < from.Count; i++)
        {
            values[":from" + i.ToString(CultureInfo.InvariantCulture)] = Attr.S(StatusName(from[i]));
        }

        var set = "SET #status = :status, updatedAt = :now";
        if (providerMessageId is not null)
        {
            set += ", providerMessageId = :messageId";
            values[":messageId"] = Attr.S(providerMessageId);
        }

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(sendId),
                UpdateExpression = set,
                ConditionExpression = "attribute_exists(pk) AND #status IN (" + string.Join(", ", from.Select((_, i) => ":from" + i.ToString(CultureInfo.InvariantCulture))) + ")",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>One send record, or null.</summary>
    public async Task<SendLogEntry?> GetAsync(string sendId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(sendId), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? ToEntry(item) : null;
    }

    /// <summary>A page of <paramref name="recipientId"/>'s send log, newest first, after <paramref name="after"/> (the last sort key of the previous page).</summary>
    public async Task<(IReadOnlyList<SendLogEntry> Items, string? LastSortKey)> ListAsync(string recipientId, int limit, string? after, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = table.Name,
            IndexName = NotificationsTable.ByRecipient,
            KeyConditionExpression = "gsi1pk = :recipient",
            ExpressionAttributeValues = new() { [":recipient"] = Attr.S(RecipientPartition(recipientId)) },
            ScanIndexForward = false,
            Limit = limit,
        };
        if (after is not null)
        {
            var id = after[(after.LastIndexOf('#') + 1)..];
            request.ExclusiveStartKey = new()
            {
                [NotificationsTable.RecipientPk] = Attr.S(RecipientPartition(recipientId)),
                [NotificationsTable.RecipientSk] = Attr.S(after),
                [NotificationsTable.Pk] = Attr.S("SEND#" + id),
                [NotificationsTable.Sk] = Attr.S(Sk),
            };
        }

        var response = await dynamo.QueryAsync(request, ct);
        var items = (response.Items ?? []).Select(ToEntry).ToList();
        var last = response.LastEvaluatedKey is { Count: > 0 } key ? Attr.GetString(key, NotificationsTable.RecipientSk) : null;
        return (items, last);
    }

    private static SendLogEntry ToEntry(Dictionary<string, AttributeValue> item)
    {
        if (!NotificationKinds.TryParse(Attr.GetString(item, "kind"), out var kind) || !NotificationChannels.TryParse(Attr.GetString(item, "channel"), out var channel))
        {
            throw new InvalidDataException("A send record names an unknown kind or channel.");
        }

        return new SendLogEntry(
            Attr.RequireString(item, NotificationsTable.Pk)["SEND#".Length..],
            kind,
            channel,
            ParseStatus(Attr.RequireString(item, "status")),
            Attr.GetString(item, "recipientHash"),
            Attr.GetString(item, "providerMessageId"),
            checked((int)Attr.GetLong(item, "attempts")),
            Attr.RequireInstant(item, "createdAt"),
            Attr.RequireInstant(item, "updatedAt"));
    }

    private static string RecipientPartition(string recipientId) => "USER#" + recipientId;

    private static Dictionary<string, AttributeValue> Key(string sendId) => new()
    {
        [NotificationsTable.Pk] = Attr.S("SEND#" + sendId),
        [NotificationsTable.Sk] = Attr.S(Sk),
    };
}
