using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Notifications.Contracts;

/// <summary>GET /notifications/status.</summary>
public sealed record NotificationsStatusResponse(string Area, string Status);

/// <summary>A message on the NotificationsQueue (versioned: a breaking change is a new record).</summary>
public sealed record NotificationsRequested(string Id);

/// <summary>Source-generated JSON for the area (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NotificationsStatusResponse))]
[JsonSerializable(typeof(NotificationsRequested))]
public sealed partial class NotificationsJsonContext : JsonSerializerContext;
