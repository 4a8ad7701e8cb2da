using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Domain.Messages;

/// <summary>
/// Source-generated JSON for every message between areas (camelCase, the contract's names). A
/// breaking change to a message is a new record (…V2) beside the old one, never an edit.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PaymentSucceededV1))]
[JsonSerializable(typeof(PaymentFailedV1))]
[JsonSerializable(typeof(PaymentRefundedV1))]
[JsonSerializable(typeof(OrderPlacedV1))]
[JsonSerializable(typeof(OrderPaidV1))]
[JsonSerializable(typeof(OrderExpiredV1))]
[JsonSerializable(typeof(OrderCancelledV1))]
[JsonSerializable(typeof(RefundRequestedV1))]
[JsonSerializable(typeof(TicketReassignedV1))]
[JsonSerializable(typeof(WaitingListOfferedV1))]
[JsonSerializable(typeof(EventCancelledV1))]
[JsonSerializable(typeof(EventChangedV1))]
public sealed partial class MessagesJsonContext : JsonSerializerContext;
