using System.Text.Json;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using Outbox.Tests.Support;

namespace Outbox.Tests.Messaging;

/// <summary>
/// The envelope is a contract between areas: its JSON names, its instants and its ids must not
/// drift. These tests pin the wire form exactly.
/// </summary>
public sealed class EnvelopeContractTests
{
    private static readonly DateTimeOffset PaidAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(1));

    private static DomainEventEnvelope Paid() => DomainEventEnvelope.Create(
        new OrderPaidV1("ord-1", 2500, "EUR", "José"), TestContractsJson.Default.OrderPaidV1,
        id: "0b7f6c4e-0000-8000-8000-000000000001", source: "orders", subject: "ord-1", occurredAt: PaidAt);

    [Fact]
    public void ToJson_WritesTheStableWireForm()
    {
        Assert.Equal(
            """{"id":"0b7f6c4e-0000-8000-8000-000000000001","type":"OrderPaid","version":1,"source":"orders","subject":"ord-1","occurredAt":"2026-11-30T11:00:00Z","data":{"orderId":"ord-1","amountMinor":2500,"currency":"EUR","buyerName":"José"}}""",
            Paid().ToJson());
    }

    [Fact]
    public void Parse_RoundTripsEveryMember_AndTheTypedData()
    {
        var parsed = DomainEventEnvelope.Parse(Paid().ToJson());

        Assert.Equal(("0b7f6c4e-0000-8000-8000-000000000001", "OrderPaid", 1, "orders", "ord-1"), (parsed.Id, parsed.Type, parsed.Version, parsed.Source, parsed.Subject));
        Assert.Equal(PaidAt, parsed.OccurredAt);
        Assert.Equal(TimeSpan.Zero, parsed.OccurredAt.Offset);
        Assert.Equal(new OrderPaidV1("ord-1", 2500, "EUR", "José"), parsed.DataAs(TestContractsJson.Default.OrderPaidV1));
        Assert.Equal(Paid().ToJson(), parsed.ToJson());
    }

    [Theory]
    [InlineData("2026-11-30T12:00:00.25+01:00", "2026-11-30T11:00:00.25Z")]
    [InlineData("2026-11-30T11:00:00Z", "2026-11-30T11:00:00Z")]
    [InlineData("2026-11-30t11:00:00.1234567z", "2026-11-30T11:00:00.1234567Z")]
    public void OccurredAt_ReadsAnyRfc3339Offset_AndWritesUtcWithZ(string written, string rewritten)
    {
        var json = Paid().ToJson().Replace("2026-11-30T11:00:00Z", written, StringComparison.Ordinal);

        Assert.Contains($"\"occurredAt\":\"{rewritten}\"", DomainEventEnvelope.Parse(json).ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", null)]
    [InlineData("type", null)]
    [InlineData("version", null)]
    [InlineData("source", null)]
    [InlineData("data", null)]
    [InlineData("subject", "\"\"")]
    [InlineData("version", "0")]
    [InlineData("version", "\"1\"")]
    [InlineData("occurredAt", "\"30/11/2026\"")]
    [InlineData("occurredAt", "\"2026-11-30\"")]
    [InlineData("data", "[1]")]
    public void Parse_RefusesWhatIsNotAnEnvelope(string member, string? value)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Paid().ToJson())!.AsObject();
        json.Remove(member);
        if (value is not null)
        {
            json[member] = System.Text.Json.Nodes.JsonNode.Parse(value);
        }

        Assert.ThrowsAny<JsonException>(() => DomainEventEnvelope.Parse(json.ToJsonString()));
    }

    [Fact]
    public void DataAs_AnotherVersionOrType_IsRefused()
    {
        var envelope = Paid();

        Assert.True(envelope.Is<OrderPaidV1>());
        Assert.False(envelope.Is<OrderPaidV2>());
        Assert.False(envelope.Is<OrderRefundedV1>());
        var error = Assert.Throws<JsonException>(() => envelope.DataAs(TestContractsJson.Default.OrderPaidV2));
        Assert.Contains("OrderPaid v1, not OrderPaid v2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainEventTypeInfo_ReadsTheEnvelopeAsTypedData_WithItsId()
    {
        var typeInfo = DomainEvents.JsonTypeInfo(TestContractsJson.Default.OrderPaidV1);

        var received = JsonSerializer.Deserialize(Paid().ToJson(), typeInfo)!;

        Assert.Equal("0b7f6c4e-0000-8000-8000-000000000001", received.Id);
        Assert.Equal(("OrderPaid", 1, "orders", "ord-1"), (received.Type, received.Version, received.Source, received.Subject));
        Assert.Equal(PaidAt, received.OccurredAt);
        Assert.Equal(new OrderPaidV1("ord-1", 2500, "EUR", "José"), received.Data);
        Assert.Equal(Paid().ToJson(), JsonSerializer.Serialize(received, typeInfo));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(Paid().ToJson(), DomainEvents.JsonTypeInfo(TestContractsJson.Default.OrderPaidV2)));
    }

    [Fact]
    public void DeterministicIds_AreStable_NameBasedUuids_ThatTellTheirPartsApart()
    {
        var id = DomainEventIds.From("orders", "OrderPaid", "ord-1");

        Assert.Equal(id, DomainEventIds.From("orders", "OrderPaid", "ord-1"));
        // Pinned: a change of the derivation would give every in-flight event a second id.
        Assert.Equal("4ae6ef9b-f283-8461-9d9b-44ee8a308aa3", id);
        var guid = Guid.Parse(id);
        Assert.Equal(8, guid.Version);
        Assert.NotEqual(id, DomainEventIds.From("orders", "OrderPaid", "ord-2"));
        Assert.NotEqual(DomainEventIds.From("a|b", "c"), DomainEventIds.From("a", "b|c"));
        Assert.NotEqual(DomainEventIds.New(), DomainEventIds.New());
        Assert.Equal(7, Guid.Parse(DomainEventIds.New()).Version);
    }

    [Fact]
    public void OutboxPut_IsConditionalOnTheId_AndReadsBackFromAStreamImage()
    {
        var envelope = Paid();
        var expiresAt = PaidAt.AddDays(7);

        var put = OutboxItems.Put("outbox", envelope, expiresAt).Put;

        Assert.Equal("outbox", put.TableName);
        Assert.Equal("attribute_not_exists(#pk)", put.ConditionExpression);
        Assert.Equal("pk", put.ExpressionAttributeNames["#pk"]);
        Assert.Equal(expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), put.Item["expiresAt"].N);
        var image = put.Item.ToDictionary(kv => kv.Key, kv => new DynamoDbAttributeValue { S = kv.Value.S, N = kv.Value.N });
        var entry = OutboxItems.Read(image);
        Assert.Equal(new OutboxEntry(envelope.Id, "OrderPaid", 1, "orders", envelope.ToJson()), entry);
        image.Remove("envelope");
        Assert.Throws<InvalidDataException>(() => OutboxItems.Read(image));
    }
}
