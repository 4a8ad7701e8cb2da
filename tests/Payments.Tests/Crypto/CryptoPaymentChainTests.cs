using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Payments.Providers;
using NBitcoin;
using NBitcoin.Payment;
using Payments.Tests.Support;

namespace Payments.Tests.Crypto;

/// <summary>
/// BTCPay Server (Lightning and on-chain), BitGo and Coinbase Commerce against the local platform, end
/// to end: a buyer's pending order, a payment started through the API, the fake provider paying it and
/// sending its signed webhooks, the webhook route storing and queueing them, the worker re-reading the
/// invoice / transfer / charge and applying it, PaymentSucceeded through the outbox to Ticketing,
/// whose ApplyPaymentSucceeded issues the tickets: exactly once, whatever the deliveries.
/// </summary>
public sealed class CryptoPaymentChainTests(PaymentsPlatform platform)
{
    // Two tickets at 12.50 EUR: 25.00 EUR, 50,000 sats at the (fake) BTCPay store's 50,000 EUR/BTC.
    private const long TicketPrice = 1250;
    private const long Sats = 50_000;
    private const string RefundAddress = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Btcpay_PaidOverLightning_TheOrderIsPaid_AndItsTicketsIssuedOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        var instructions = payment["instructions"]!.AsObject();
        Assert.Equal("crypto", instructions["kind"]!.GetValue<string>());
        Assert.Equal(Sats, payment["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("BTC", payment["amount"]!["currency"]!.GetValue<string>());
        Assert.StartsWith("lnbcrt", instructions["lightningInvoice"]!.GetValue<string>(), StringComparison.Ordinal);
        var bip21 = new BitcoinUrlBuilder(instructions["paymentUri"]!.GetValue<string>(), Network.RegTest);
        Assert.Equal(Sats, bip21.Amount!.Satoshi);
        Assert.Equal(instructions["address"]!.GetValue<string>(), bip21.Address!.ToString());
        Assert.Contains("/btcpay/i/", instructions["url"]!.GetValue<string>(), StringComparison.Ordinal);
        using var control = platform.Control();

        await control.ActAsync("btcpay", InvoiceIdOf(payment), "pay");

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        Assert.Null(paid["refundRequested"]);
        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Equal(Sats, settled["received"]!["amount"]!.GetValue<long>());
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task Btcpay_EveryWebhookThreeTimesShuffled_IssuesTheTicketsOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        using var control = platform.Control();
        var held = await control.ActAsync("btcpay", InvoiceIdOf(payment), "pay", delivery: "hold");
        var ids = FakeControl.WebhookIds(held);
        Assert.Equal(3, ids.Count); // InvoiceReceivedPayment, InvoicePaymentSettled, InvoiceSettled

        var statuses = await control.ReleaseAsync("btcpay", ids, "shuffle", times: 3, seed: 11);

        Assert.Equal(9, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(200, s));
        await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        await WaitUntilAppliedAsync("btcpay", ids);
        var paid = await buyer.GetOrderAsync(orderId);
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task Btcpay_UnderpaidThenToppedUp_Succeeds()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        var paymentId = payment["id"]!.GetValue<string>();
        using var control = platform.Control();

        await control.ActAsync("btcpay", InvoiceIdOf(payment), "underpay", amount: 20_000);
        var partly = await buyer.WaitForPaymentAsync(paymentId, p => p["received"]!["amount"]!.GetValue<long>() == 20_000);
        Assert.Equal("pending", partly["status"]!.GetValue<string>());
        Assert.Contains("underpaid", partly["exceptions"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("pending", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());

        await control.ActAsync("btcpay", InvoiceIdOf(payment), "pay");

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        var settled = await buyer.WaitForPaymentAsync(paymentId, p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Empty(settled["exceptions"]!.AsArray());
    }

    [Fact]
    public async Task Btcpay_Overpaid_Succeeds_AndTheExcessIsRefundedAsAPullPayment()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        var invoiceId = InvoiceIdOf(payment);
        using var control = platform.Control();

        await control.ActAsync("btcpay", invoiceId, "overpay", amount: 65_000);

        await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Contains("overpaid", settled["exceptions"]!.AsArray().Select(e => e!.GetValue<string>()));
        var pull = await WaitForAsync(async () =>
        {
            var pulls = (await ControlAsync("btcpay/payments"))!["pullPayments"]!.AsArray();
            return pulls.FirstOrDefault(p => p!["description"]!.GetValue<string>() == "payment " + payment["id"]!.GetValue<string>());
        });
        Assert.Equal("0.00015000", pull["amount"]!.GetValue<string>());
        Assert.Equal("BTC", pull["currency"]!.GetValue<string>());

        // The buyer claims it: the payout completes and the payment records the money back (not a refund of the order).
        await control.ActAsync("btcpay", invoiceId, "refund");
        var refunded = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["refunded"]!["amount"]!.GetValue<long>() == 15_000);
        Assert.Equal("partly_refunded", refunded["status"]!.GetValue<string>());
        Assert.Equal("paid", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Btcpay_PaidAfterTheQuoteExpired_IsReportedLate_AndTicketingDecides()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        using var control = platform.Control();

        await control.ActAsync("btcpay", InvoiceIdOf(payment), "pay-late");

        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Contains("paid_late", settled["exceptions"]!.AsArray().Select(e => e!.GetValue<string>()));
        // The order still held its seats (ExpireHolds had not run): Ticketing takes the late money and issues.
        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task Btcpay_AForgedSignature_Is400_AndChangesNothing()
    {
        var (buyer, orderId, payment) = await StartedAsync("btcpay");
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["deliveryId"] = "forged" + Guid.NewGuid().ToString("N"),
            ["webhookId"] = "w",
            ["originalDeliveryId"] = "forged",
            ["isRedelivery"] = false,
            ["type"] = "InvoiceSettled",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["storeId"] = platform.Fakes.Secrets["BTCPAY_STORE_ID"],
            ["invoiceId"] = InvoiceIdOf(payment),
        }.ToJsonString());
        using var http = new HttpClient { BaseAddress = platform.BaseUrl };

        foreach (var signature in new[] { "sha256=" + HexHmacSignature.Sign(body, "not-the-webhook-secret"), "sha256=" + new string('0', 64), "not-a-signature", "" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/btcpay") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("BTCPay-Sig", signature);
            using var response = await http.SendAsync(request, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{signature}: {(int)response.StatusCode}");
        }

        Assert.Null(await DeliveryAsync("btcpay", "forged"));
        Assert.Equal("created", (await buyer.GetPaymentAsync(payment["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.Equal("pending", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bitgo_BelowTheConfirmationThreshold_IsNotCredited_AtItOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync("bitgo", new JsonObject { ["refund_address"] = RefundAddress });
        var instructions = payment["instructions"]!.AsObject();
        var address = instructions["address"]!.GetValue<string>();
        var bip21 = new BitcoinUrlBuilder(instructions["paymentUri"]!.GetValue<string>(), Network.TestNet);
        Assert.Equal(address, bip21.Address!.ToString());
        Assert.Equal(Sats, bip21.Amount!.Satoshi);
        var paymentId = payment["id"]!.GetValue<string>();
        using var control = platform.Control();

        // First seen (unconfirmed), its notification held until the transfer has one confirmation of two:
        // the worker re-reads a transfer BitGo calls "confirmed", and it must still not count.
        var seen = FakeControl.WebhookIds(await control.ActAsync("bitgo", address, "pay", amount: Sats, delivery: "hold"));
        Assert.Single(seen);
        Assert.Empty(FakeControl.WebhookIds(await control.ActAsync("bitgo", address, "confirm", amount: 1))); // BitGo notifies at numConfirmations only
        Assert.All(await control.ReleaseAsync("bitgo", seen, "as-is", times: 1, seed: 0), s => Assert.Equal(200, s));
        await WaitUntilAppliedAsync("bitgo", await BitgoDeliveryIdsAsync(seen));
        var pending = await buyer.GetPaymentAsync(paymentId);
        Assert.Equal("pending", pending["status"]!.GetValue<string>());
        Assert.Equal(0, pending["received"]!["amount"]!.GetValue<long>());
        Assert.Equal("pending", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());

        var confirmed = FakeControl.WebhookIds(await control.ActAsync("bitgo", address, "confirm", amount: 1, delivery: "hold"));
        Assert.Single(confirmed);
        var statuses = await control.ReleaseAsync("bitgo", confirmed, "shuffle", times: 3, seed: 5);

        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(200, s));
        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        await WaitUntilAppliedAsync("bitgo", await BitgoDeliveryIdsAsync(confirmed));
        Assert.Equal(Sats, (await buyer.GetPaymentAsync(paymentId))["received"]!["amount"]!.GetValue<long>());
        Assert.Equal(2, (await buyer.GetOrderAsync(orderId))["ticketIds"]!.AsArray().Count);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task Bitgo_Overpaid_TheExcessGoesToTheBuyersRefundAddress()
    {
        var (buyer, orderId, payment) = await StartedAsync("bitgo", new JsonObject { ["refund_address"] = RefundAddress });
        var address = payment["instructions"]!["address"]!.GetValue<string>();
        using var control = platform.Control();

        await control.ActAsync("bitgo", address, "overpay", amount: 65_000);
        await control.ActAsync("bitgo", address, "confirm", amount: 2);

        await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        var refunded = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["refunded"]!["amount"]!.GetValue<long>() == 15_000);
        Assert.Contains("overpaid", refunded["exceptions"]!.AsArray().Select(e => e!.GetValue<string>()));
        var sends = (await ControlAsync("bitgo/payments"))!["transfers"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "send" && t["entries"]![0]!["address"]!.GetValue<string>() == RefundAddress).ToList();
        Assert.Contains(sends, s => s!["entries"]![0]!["valueString"]!.GetValue<string>() == "15000");
    }

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")] // a mainnet address: this platform's BitGo wallet is on testnet
    [InlineData("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsy")] // a typo
    [InlineData("")]
    public async Task Bitgo_AWrongRefundAddress_Is400NamingTheField_AndNothingIsCreated(string refundAddress)
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        using var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(TicketPrice, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 2))["id"]!.GetValue<string>();

        var response = await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "bitgo", ["options"] = new JsonObject { ["refund_address"] = refundAddress } });

        await BitcoinEvents.TestSupport.ApiClient.AssertValidationErrorAsync(response, "options.refund_address");
        var addresses = (await ControlAsync("bitgo/payments"))!["addresses"]!.AsArray();
        Assert.DoesNotContain(addresses, a => a!["label"]!.GetValue<string>().Contains(refundAddress.Length > 0 ? refundAddress : "refund  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coinbase_PaidInUsdc_EveryWebhookThreeTimesShuffled_IssuesTheTicketsOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync("coinbase");
        Assert.Equal("redirect", payment["instructions"]!["kind"]!.GetValue<string>());
        Assert.Equal(2500, payment["amount"]!["amount"]!.GetValue<long>());
        var chargeId = payment["instructions"]!["url"]!.GetValue<string>().Split('/')[^1];
        using var control = platform.Control();
        var held = await control.ActAsync("coinbase", chargeId, "pay", delivery: "hold");
        var ids = FakeControl.WebhookIds(held);

        await control.ReleaseAsync("coinbase", ids, "shuffle", times: 3, seed: 3);

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        await WaitUntilAppliedAsync("coinbase", ids);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task Coinbase_PaidAfterTheChargeExpired_IsReportedLate_AndTheTicketsIssuedOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync("coinbase");
        var chargeId = payment["instructions"]!["url"]!.GetValue<string>().Split('/')[^1];
        using var control = platform.Control();

        // charge:failed (EXPIRED) then the money arrives anyway: charge:delayed (UNRESOLVED/DELAYED), each twice.
        var held = FakeControl.WebhookIds(await control.ActAsync("coinbase", chargeId, "pay-late", delivery: "hold"));
        Assert.Equal(2, held.Count);
        var statuses = await control.ReleaseAsync("coinbase", held, "as-is", times: 2, seed: 0);

        Assert.All(statuses, s => Assert.Equal(200, s));
        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Contains("paid_late", settled["exceptions"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(2500, settled["received"]!["amount"]!.GetValue<long>());
        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        await WaitUntilAppliedAsync("coinbase", held);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    private async Task<(PlatformClient Buyer, string OrderId, JsonObject Payment)> StartedAsync(string provider, JsonObject? options = null)
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(TicketPrice, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 2))["id"]!.GetValue<string>();
        var body = new JsonObject { ["provider"] = provider };
        if (options is not null)
        {
            body["options"] = options;
        }

        var payment = await PlatformClient.ReadAsync(await buyer.StartPaymentAsync(orderId, body), HttpStatusCode.Created);
        return (buyer, orderId, payment);
    }

    private static string InvoiceIdOf(JsonObject payment) => payment["instructions"]!["url"]!.GetValue<string>().Split('/')[^1];

    private async Task<JsonNode?> ControlAsync(string path)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(new Uri(platform.Fakes.ControlUrl, path), Ct));
    }

    private static async Task<JsonNode> WaitForAsync(Func<Task<JsonNode?>> find)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Not there within 60 s.");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>
    /// The platform's ids of BitGo notifications the fake names "{transfer}:{state}": BitGo's carry no
    /// event id, so the platform keys them "{wallet}:{transfer}:{state}" (BitgoProvider.Verify).
    /// </summary>
    private async Task<IReadOnlyList<string>> BitgoDeliveryIdsAsync(IEnumerable<string> fakeIds)
    {
        var wallet = (await ControlAsync("bitgo/payments"))!["wallet"]!.GetValue<string>();
        return [.. fakeIds.Select(id => $"{wallet}:{id}")];
    }

    private async Task<Dictionary<string, AttributeValue>?> DeliveryAsync(string provider, string eventId)
    {
        using var dynamo = platform.Dynamo();
        var item = await dynamo.GetItemAsync(platform.TableName("PaymentsTable"), new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = $"DELIVERY#{provider}#{eventId}" },
            ["sk"] = new() { S = "DELIVERY" },
        }, Ct);
        return item.Item is { Count: > 0 } found ? found : null;
    }

    private async Task WaitUntilAppliedAsync(string provider, IEnumerable<string> eventIds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var id in eventIds)
        {
            while ((await DeliveryAsync(provider, id))?["state"].S != "applied")
            {
                Assert.True(DateTime.UtcNow < deadline, $"Delivery {id} was not applied within 60 s.");
                await Task.Delay(200, Ct);
            }
        }
    }

    private async Task<int> OrderPaidEventsAsync(string orderId)
    {
        using var dynamo = platform.Dynamo();
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = platform.TableName("OutboxTable"),
                FilterExpression = "#type = :type AND subject = :order",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#type"] = "type" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":type"] = new() { S = "OrderPaid" }, [":order"] = new() { S = orderId } },
                ExclusiveStartKey = start,
            }, Ct);
            count += page.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return count;
    }
}
