using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Storage;

/// <summary>An order as Payments needs it: whose it is, what it costs, whether it still awaits payment and until when.</summary>
public sealed record PayableOrder(string Id, string EventId, string BuyerId, MoneyAmount Total, string Status, DateTimeOffset PaymentDeadline)
{
    public const string PendingStatus = "Pending";

    /// <summary>Waiting for payment, and not past its deadline.</summary>
    public bool AwaitsPayment(DateTimeOffset now) => Status == PendingStatus && PaymentDeadline > now;
}

/// <summary>
/// Ticketing's orders, read only (<c>TICKETING_TABLE</c>; the item layout of docs/ticketing.md: <c>pk =
/// ORDER#{id}</c>, <c>sk = ORDER</c>, the order as JSON in <c>data</c>). Writing orders is Ticketing's alone;
/// Payments reads the total, the buyer and the deadline, never trusting a client for them.
/// </summary>
internal sealed class OrderBook(IAmazonDynamoDB dynamo, IConfiguration configuration)
{
    public const string TableSetting = "TICKETING_TABLE";

    private readonly string? _table = configuration[TableSetting];

    private string Table => string.IsNullOrEmpty(_table) ? throw new InvalidOperationException($"{TableSetting} is not set.") : _table;

    public async Task<PayableOrder?> GetAsync(string orderId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "ORDER#" + orderId }, ["sk"] = new() { S = "ORDER" } },
            ConsistentRead = true,
            ProjectionExpression = "#data",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#data"] = "data" },
        }, ct);
        if (response.Item is not { Count: > 0 } item || !item.TryGetValue("data", out var data) || data.S is null)
        {
            return null;
        }

        var view = JsonSerializer.Deserialize(data.S, OrderViewJson.Default.TicketingOrderView)
            ?? throw new InvalidDataException($"Order {orderId} has no data.");
        return new PayableOrder(view.Id, view.EventId, view.BuyerId, view.Total, view.Status, view.PaymentDeadline);
    }
}

/// <summary>The members of Ticketing's stored order that Payments reads (the rest is ignored).</summary>
internal sealed record TicketingOrderView(string Id, string EventId, string BuyerId, MoneyAmount Total, string Status, DateTimeOffset PaymentDeadline);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(StoredMoneyConverter)])]
[JsonSerializable(typeof(TicketingOrderView))]
internal sealed partial class OrderViewJson : JsonSerializerContext;
