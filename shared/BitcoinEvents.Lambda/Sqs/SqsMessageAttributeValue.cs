namespace BitcoinEvents.Lambda;

/// <summary>A message attribute of an SQS record (binary values are base64).</summary>
public sealed class SqsMessageAttributeValue
{
    public string? StringValue { get; init; }

    public string? BinaryValue { get; init; }

    public IReadOnlyList<string> StringListValues { get; init; } = [];

    public IReadOnlyList<string> BinaryListValues { get; init; } = [];

    public string DataType { get; init; } = "String";
}
