using System.Text.Json;
using System.Text.Json.Serialization;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Infrastructure.Storage;

/// <summary>
/// Money as the areas store it in their items' <c>data</c> JSON: <c>{"amount": 2500, "currency": "EUR"}</c>
/// (amount in minor units). One definition for every area, so an amount one area writes another reads
/// (Payments reads Ticketing's stored orders). Members it does not know are skipped. Name it in a
/// source-generated context's <c>Converters</c> (AOT-safe: no reflection).
/// </summary>
public sealed class StoredMoneyConverter : JsonConverter<MoneyAmount>
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
