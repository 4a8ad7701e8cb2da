using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Contracts;

/// <summary>GET /payments/status.</summary>
public sealed record PaymentsStatusResponse(string Area, string Status);

/// <summary>A message on the PaymentsQueue (versioned: a breaking change is a new record).</summary>
public sealed record PaymentsRequested(string Id);

/// <summary>Source-generated JSON for the area (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PaymentsStatusResponse))]
[JsonSerializable(typeof(PaymentsRequested))]
public sealed partial class PaymentsJsonContext : JsonSerializerContext;
