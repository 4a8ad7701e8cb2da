using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Payments.Providers;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

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

/// <summary>Money as stored: <c>{"amount": 2500, "currency": "EUR"}</c>.</summary>
internal sealed class StoredMoneyConverter : JsonConverter<MoneyAmount>
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
