using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BitcoinEvents.Infrastructure.Storage;

/// <summary>Small helpers for DynamoDB attribute values (the low-level, AOT-safe API).</summary>
public static class Attr
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue L(IEnumerable<string> values) => new() { L = [.. values.Select(S)] };

    public static AttributeValue M(Dictionary<string, AttributeValue> map) => new() { M = map };

    /// <summary>
    /// An instant as a fixed-width UTC ISO 8601 string ("2030-03-01T12:00:00.0000000Z"): sorts as it
    /// reads, so it can be a sort key and be compared in conditions.
    /// </summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? GetString(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static string RequireString(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        GetString(item, name) ?? throw new InvalidDataException($"Attribute '{name}' is missing.");

    public static long GetLong(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"Attribute '{name}' is missing.");

    public static DateTimeOffset? GetInstant(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        GetString(item, name) is { } text ? ParseInstant(text) : null;

    public static DateTimeOffset RequireInstant(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        ParseInstant(RequireString(item, name));
}
