using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>
/// How the ticketing table keeps each record: the domain record as JSON in a <c>data</c>
/// attribute, beside the few top-level attributes conditions and indexes need. Never sent to clients.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(StoredMoneyConverter)])]
[JsonSerializable(typeof(TicketType))]
[JsonSerializable(typeof(Quota))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(Voucher))]
[JsonSerializable(typeof(TicketingSettings))]
[JsonSerializable(typeof(Hold))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(WaitingListEntry))]
internal sealed partial class StorageJson : JsonSerializerContext;
