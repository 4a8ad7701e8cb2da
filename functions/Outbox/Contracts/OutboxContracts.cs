using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Outbox.Contracts;

/// <summary>GET /outbox/status.</summary>
public sealed record OutboxStatusResponse(string Area, string Status);

/// <summary>A message on the OutboxQueue (versioned: a breaking change is a new record).</summary>
public sealed record OutboxRequested(string Id);

/// <summary>Source-generated JSON for the area (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutboxStatusResponse))]
[JsonSerializable(typeof(OutboxRequested))]
public sealed partial class OutboxJsonContext : JsonSerializerContext;
