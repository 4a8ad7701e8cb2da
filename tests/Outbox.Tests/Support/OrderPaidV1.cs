using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Messages;

namespace Outbox.Tests.Support;

/// <summary>A test-only contract, shaped as the platform's own (shared/BitcoinEvents.Domain/Messages) are.</summary>
public sealed record OrderPaidV1(string OrderId, long AmountMinor, string Currency, string BuyerName) : IDomainEvent
{
    public static string EventType => "OrderPaid";

    public static int EventVersion => 1;
}

/// <summary>The next version of the contract: a breaking change is a new record.</summary>
public sealed record OrderPaidV2(string OrderId, long AmountMinor, string Currency) : IDomainEvent
{
    public static string EventType => "OrderPaid";

    public static int EventVersion => 2;
}

/// <summary>Another event type.</summary>
public sealed record OrderRefundedV1(string OrderId, long AmountMinor) : IDomainEvent
{
    public static string EventType => "OrderRefunded";

    public static int EventVersion => 1;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaidV1))]
[JsonSerializable(typeof(OrderPaidV2))]
[JsonSerializable(typeof(OrderRefundedV1))]
public sealed partial class TestContractsJson : JsonSerializerContext;
