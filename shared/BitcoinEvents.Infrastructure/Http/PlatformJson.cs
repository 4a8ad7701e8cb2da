using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// How every area reads and writes JSON: the web defaults (camelCase), nulls left out, numbers
/// only as JSON numbers (<c>"80"</c> is not a number), no duplicate properties, no members the
/// request's type does not have (a misspelt field is a 400, not a silent no-op), and instants only
/// as RFC 3339 date-times with an explicit offset. Areas' source-generated contexts use the same
/// rules (<see cref="StrictNumbers"/>, <see cref="Converters"/>).
/// </summary>
public static class PlatformJson
{
    public const JsonNumberHandling StrictNumbers = JsonNumberHandling.Strict;

    /// <summary>The converters every JSON options instance of the platform carries.</summary>
    public static IReadOnlyList<JsonConverter> Converters { get; } = [new Rfc3339DateTimeOffsetConverter(), new Rfc3339NullableDateTimeOffsetConverter()];

    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = StrictNumbers;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        foreach (var converter in Converters)
        {
            options.Converters.Add(converter);
        }
    }
}

/// <summary>A JSON value refused for a reason the client should read (the field comes from the path).</summary>
public sealed class JsonReasonException : JsonException
{
    public JsonReasonException()
    {
        Reason = "has the wrong type or format.";
    }

    public JsonReasonException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public JsonReasonException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the value was refused, phrased to follow the field's name.</summary>
    public string Reason { get; }
}

/// <summary>
/// An instant as RFC 3339 <c>date-time</c>: date, time and an explicit offset (<c>Z</c> or
/// <c>±hh:mm</c>). A local time without offset, or a bare date, is refused: the platform does not
/// guess the zone. Written as the round-trip ISO 8601 form.
/// </summary>
public sealed partial class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public const string Reason = "must be an RFC 3339 date-time with an offset, such as 2030-03-01T18:00:00Z or 2030-03-01T19:00:00+01:00.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonReasonException(Reason);
        }

        var text = reader.GetString();
        if (text is null
            || text.Length > 40
            || !DateTime().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new JsonReasonException(Reason);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();
}

/// <summary><see cref="Rfc3339DateTimeOffsetConverter"/> for optional instants (JSON null is null).</summary>
public sealed class Rfc3339NullableDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly Rfc3339DateTimeOffsetConverter Inner = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } instant)
        {
            writer.WriteStringValue(instant);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
