using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda.Tests;

public sealed record TestMessage(string OrderId, bool Fail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TestMessage))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
