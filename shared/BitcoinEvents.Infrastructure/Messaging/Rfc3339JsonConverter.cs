using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// Instants as RFC 3339 in UTC with a <c>Z</c> and as many fraction digits as needed
/// ("2026-11-30T12:00:00Z", "2026-11-30T12:00:00.25Z"); any RFC 3339 offset is read.
/// </summary>
public sealed class Rfc3339JsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null
            || text.Length < 20
            || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 date-time.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>The RFC 3339 UTC text of an instant.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
