using System.Text.Json.Nodes;

namespace Payments.Tests.Support;

/// <summary>The documented payload samples (Samples/README.md), as bytes, exactly as stored.</summary>
public static class Samples
{
    public static byte[] Read(string provider, string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", provider, name + ".json"));

    public static JsonObject Json(string provider, string name) => JsonNode.Parse(Read(provider, name))!.AsObject();

    public static IEnumerable<string> All(string provider) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", provider), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);
}
