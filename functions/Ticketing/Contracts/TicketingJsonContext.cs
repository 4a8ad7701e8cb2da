using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;

namespace BitcoinEvents.Ticketing.Contracts;

/// <summary>Source-generated JSON for the Ticketing API (Native AOT: no reflection), with the platform's strict rules.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = PlatformJson.StrictNumbers,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339DateTimeOffsetConverter), typeof(Rfc3339NullableDateTimeOffsetConverter)])]
[JsonSerializable(typeof(TicketTypeInput))]
[JsonSerializable(typeof(QuotaInput))]
[JsonSerializable(typeof(SessionInput))]
[JsonSerializable(typeof(VoucherInput))]
[JsonSerializable(typeof(VoucherUpdate))]
[JsonSerializable(typeof(TicketingSettingsInput))]
[JsonSerializable(typeof(HoldRequest))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(ReassignTicketRequest))]
[JsonSerializable(typeof(JoinWaitingListRequest))]
[JsonSerializable(typeof(ComplimentaryOrderRequest))]
[JsonSerializable(typeof(TicketTypeResponse))]
[JsonSerializable(typeof(TicketTypeListResponse))]
[JsonSerializable(typeof(QuotaResponse))]
[JsonSerializable(typeof(QuotaListResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(SessionListResponse))]
[JsonSerializable(typeof(VoucherResponse))]
[JsonSerializable(typeof(VoucherListResponse))]
[JsonSerializable(typeof(TicketingSettingsResponse))]
[JsonSerializable(typeof(HoldResponse))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderPageResponse))]
[JsonSerializable(typeof(TicketResponse))]
[JsonSerializable(typeof(TicketPageResponse))]
[JsonSerializable(typeof(VoidTicketRequest))]
[JsonSerializable(typeof(ScanInput))]
[JsonSerializable(typeof(CheckInBatchRequest))]
[JsonSerializable(typeof(CheckInResultResponse))]
[JsonSerializable(typeof(CheckInBatchResponse))]
[JsonSerializable(typeof(CheckInCountsResponse))]
[JsonSerializable(typeof(StaffMemberResponse))]
[JsonSerializable(typeof(StaffListResponse))]
[JsonSerializable(typeof(DoorTicketPageResponse))]
[JsonSerializable(typeof(WaitingListEntryResponse))]
[JsonSerializable(typeof(WaitingListPageResponse))]
[JsonSerializable(typeof(StaffResponse))]
[JsonSerializable(typeof(SeatsLeft[]))]
public sealed partial class TicketingJsonContext : JsonSerializerContext;
