using System.Text.Json.Serialization;

namespace BitcoinEvents.Notifications.Contracts;

/// <summary>
/// An SES event as a configuration set's SNS event destination publishes it (SES developer guide,
/// "Contents of event data that Amazon SES publishes to Amazon SNS"): <c>eventType</c> Send,
/// Delivery, Bounce, Complaint, …, the <c>mail</c> object with the message's tags, and the part
/// for its type. Identity notifications say <c>notificationType</c> instead: both are read.
/// </summary>
public sealed record SesEventMessage(
    string? EventType,
    string? NotificationType,
    SesMail? Mail,
    SesBounce? Bounce,
    SesComplaint? Complaint);

public sealed record SesMail(string? MessageId, DateTimeOffset? Timestamp, IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags);

public sealed record SesBounce(string? BounceType, string? BounceSubType, IReadOnlyList<SesRecipient>? BouncedRecipients, string? FeedbackId);

public sealed record SesComplaint(IReadOnlyList<SesRecipient>? ComplainedRecipients, string? FeedbackId, string? ComplaintFeedbackType);

public sealed record SesRecipient(string? EmailAddress);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SesEventMessage))]
public sealed partial class SesEventsJsonContext : JsonSerializerContext;
