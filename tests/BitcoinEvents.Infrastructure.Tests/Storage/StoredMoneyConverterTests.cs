using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Infrastructure.Storage;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Infrastructure.Tests.Storage;

public sealed class StoredMoneyConverterTests
{
    [Fact]
    public void Write_KeepsMinorUnitsAndCurrency()
    {
        var json = JsonSerializer.Serialize(new Priced(new MoneyAmount(2500, "EUR")), StoredMoneyTestJson.Default.Priced);

        Assert.Equal("""{"price":{"amount":2500,"currency":"EUR"}}""", json);
    }

    [Fact]
    public void Read_OfAStoredItem_IgnoresMembersItDoesNotKnow()
    {
        var priced = JsonSerializer.Deserialize("""{"price":{"currency":"BTC","note":{"x":[1]},"amount":21000}}""", StoredMoneyTestJson.Default.Priced);

        Assert.Equal(new MoneyAmount(21000, "BTC"), priced!.Price);
    }

    [Theory]
    [InlineData("""{"price":2500}""")]
    [InlineData("""{"price":{"amount":2500}}""")]
    [InlineData("""{"price":{"currency":"EUR"}}""")]
    public void Read_OfIncompleteMoney_Fails(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, StoredMoneyTestJson.Default.Priced));
}

public sealed record Priced(MoneyAmount Price);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(StoredMoneyConverter)])]
[JsonSerializable(typeof(Priced))]
internal sealed partial class StoredMoneyTestJson : JsonSerializerContext;
