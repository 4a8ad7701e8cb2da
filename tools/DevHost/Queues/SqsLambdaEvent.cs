using System.Text;
using System.Text.Json;
using Amazon.SQS.Model;

namespace BitcoinEvents.DevHost.Queues;

/// <summary>
/// The event Lambda's SQS event source mapping hands a function: <c>{"Records":[…]}</c> with one
/// record per received message, in the documented shape.
/// </summary>
internal static class SqsLambdaEvent
{
    public static string Build(IReadOnlyList<Message> messages, string queueArn, string region)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            foreach (var message in messages)
            {
                WriteRecord(json, message, queueArn, region);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRecord(Utf8JsonWriter json, Message message, string queueArn, string region)
    {
        json.WriteStartObject();
        json.WriteString("messageId", message.MessageId);
        json.WriteString("receiptHandle", message.ReceiptHandle);
        json.WriteString("body", message.Body);

        json.WriteStartObject("attributes");
        foreach (var (name, value) in message.Attributes ?? [])
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();

        json.WriteStartObject("messageAttributes");
        foreach (var (name, value) in message.MessageAttributes ?? [])
        {
            json.WriteStartObject(name);
            if (value.StringValue is not null)
            {
                json.WriteString("stringValue", value.StringValue);
            }

            if (value.BinaryValue is not null)
            {
                json.WriteBase64String("binaryValue", value.BinaryValue.ToArray());
            }

            json.WriteStartArray("stringListValues");
            foreach (var item in value.StringListValues ?? [])
            {
                json.WriteStringValue(item);
            }

            json.WriteEndArray();
            json.WriteStartArray("binaryListValues");
            foreach (var item in value.BinaryListValues ?? [])
            {
                json.WriteBase64StringValue(item.ToArray());
            }

            json.WriteEndArray();
            json.WriteString("dataType", value.DataType);
            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WriteString("md5OfBody", message.MD5OfBody);
        if (message.MD5OfMessageAttributes is not null)
        {
            json.WriteString("md5OfMessageAttributes", message.MD5OfMessageAttributes);
        }

        json.WriteString("eventSource", "aws:sqs");
        json.WriteString("eventSourceARN", queueArn);
        json.WriteString("awsRegion", region);
        json.WriteEndObject();
    }
}
