using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Ticketing;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>
/// How the ticketing table keeps each record: the domain record as JSON in a <c>data</c>
/// attribute, beside the few top-level attributes conditions and indexes need. Never sent to clients.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(MoneyJsonConverter)])]
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

/// <summary>Money as stored: <c>{"amount": 2500, "currency": "EUR"}</c>.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<MoneyAmount>
{
    public override MoneyAmount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Money is an object.");
        }

        long? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount":
                    amount = reader.GetInt64();
                    break;
                case "currency":
                    currency = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return amount is { } a && currency is not null ? new MoneyAmount(a, currency) : throw new JsonException("Money needs amount and currency.");
    }

    public override void Write(Utf8JsonWriter writer, MoneyAmount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Minor);
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }
}
