using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>One record of an <see cref="SqsEvent"/>.</summary>
public sealed class SqsMessage
{
    public string MessageId { get; init; } = "";

    public string ReceiptHandle { get; init; } = "";

    public string Body { get; init; } = "";

    /// <summary>System attributes: ApproximateReceiveCount, SentTimestamp, MessageGroupId (FIFO), ...</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, SqsMessageAttributeValue> MessageAttributes { get; init; } =
        new Dictionary<string, SqsMessageAttributeValue>();

    public string? Md5OfBody { get; init; }

    public string? Md5OfMessageAttributes { get; init; }

    public string EventSource { get; init; } = "aws:sqs";

    [JsonPropertyName("eventSourceARN")]
    public string EventSourceArn { get; init; } = "";

    public string AwsRegion { get; init; } = "";
}
