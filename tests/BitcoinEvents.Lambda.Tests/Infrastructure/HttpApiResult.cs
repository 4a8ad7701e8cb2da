using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>A payload 2.0 response document, read by its exact wire names.</summary>
internal sealed record HttpApiResult(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string>? Cookies,
    string Body,
    bool IsBase64Encoded,
    JsonObject Raw)
{
    public static HttpApiResult Parse(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var headers = root["headers"]!.AsObject()
            .ToDictionary(header => header.Key, header => header.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        return new HttpApiResult(
            root["statusCode"]!.GetValue<int>(),
            headers,
            root["cookies"]?.AsArray().Select(cookie => cookie!.GetValue<string>()).ToList(),
            root["body"]!.GetValue<string>(),
            root["isBase64Encoded"]!.GetValue<bool>(),
            root);
    }

    public byte[] BodyBytes => IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);

    public T BodyAs<T>() => JsonSerializer.Deserialize<T>(BodyBytes, JsonSerializerOptions.Web)!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
