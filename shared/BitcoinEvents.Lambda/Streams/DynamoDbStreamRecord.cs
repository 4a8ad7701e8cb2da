using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>One record of a <see cref="DynamoDbStreamEvent"/>: one change to one item.</summary>
public sealed class DynamoDbStreamRecord
{
    [JsonPropertyName("eventID")]
    public string EventId { get; init; } = "";

    /// <summary>INSERT, MODIFY or REMOVE (see <see cref="DynamoDbStreamEventNames"/>).</summary>
    public string EventName { get; init; } = "";

    public string EventVersion { get; init; } = "";

    public string EventSource { get; init; } = "aws:dynamodb";

    public string AwsRegion { get; init; } = "";

    /// <summary>The change: keys, images, sequence number.</summary>
    [JsonPropertyName("dynamodb")]
    public DynamoDbStreamChange Change { get; init; } = new();

    /// <summary>The stream's ARN.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string EventSourceArn { get; init; } = "";

    /// <summary>Who made the change: <c>{"type":"Service","principalId":"dynamodb.amazonaws.com"}</c> for a TTL deletion, else absent.</summary>
    public DynamoDbStreamUserIdentity? UserIdentity { get; init; }

    /// <summary>True for a REMOVE made by DynamoDB's time to live, not by a caller.</summary>
    [JsonIgnore]
    public bool IsTtlDeletion =>
        EventName == DynamoDbStreamEventNames.Remove
        && UserIdentity is { Type: "Service", PrincipalId: "dynamodb.amazonaws.com" };
}

/// <summary>The <c>dynamodb</c> object of a stream record (its members are PascalCase on the wire).</summary>
public sealed class DynamoDbStreamChange
{
    /// <summary>When the change was made, in seconds since the Unix epoch.</summary>
    [JsonPropertyName("ApproximateCreationDateTime")]
    public double? ApproximateCreationDateTime { get; init; }

    [JsonPropertyName("Keys")]
    public IReadOnlyDictionary<string, DynamoDbAttributeValue> Keys { get; init; } = new Dictionary<string, DynamoDbAttributeValue>();

    /// <summary>The item after the change (NEW_IMAGE and NEW_AND_OLD_IMAGES streams; absent for REMOVE).</summary>
    [JsonPropertyName("NewImage")]
    public IReadOnlyDictionary<string, DynamoDbAttributeValue>? NewImage { get; init; }

    /// <summary>The item before the change (OLD_IMAGE and NEW_AND_OLD_IMAGES streams; absent for INSERT).</summary>
    [JsonPropertyName("OldImage")]
    public IReadOnlyDictionary<string, DynamoDbAttributeValue>? OldImage { get; init; }

    /// <summary>The record's position in its shard: what a partial batch failure reports.</summary>
    [JsonPropertyName("SequenceNumber")]
    public string SequenceNumber { get; init; } = "";

    [JsonPropertyName("SizeBytes")]
    public long SizeBytes { get; init; }

    [JsonPropertyName("StreamViewType")]
    public string StreamViewType { get; init; } = "";
}

/// <summary>The <c>userIdentity</c> of a stream record.</summary>
public sealed class DynamoDbStreamUserIdentity
{
    public string Type { get; init; } = "";

    public string PrincipalId { get; init; } = "";
}

/// <summary>The values of <see cref="DynamoDbStreamRecord.EventName"/>.</summary>
public static class DynamoDbStreamEventNames
{
    public const string Insert = "INSERT";
    public const string Modify = "MODIFY";
    public const string Remove = "REMOVE";
}
