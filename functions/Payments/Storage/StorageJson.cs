using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Infrastructure.Storage;
using BitcoinEvents.Payments.Providers;

namespace BitcoinEvents.Payments.Storage;

/// <summary>How the payments table keeps records: the domain record as JSON in <c>data</c>. Never sent to clients as is.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(StoredMoneyConverter)])]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(PaymentInstructions))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
