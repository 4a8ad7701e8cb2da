using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.FakeProviders.Stripe;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>
/// Stripe against the local platform, end to end: a buyer's pending order, a payment started through
/// the API, the fake Stripe paying it and sending its signed webhooks, the webhook route storing and
/// queueing them, the worker applying them, PaymentSucceeded through the outbox and DispatchOutbox to
/// Ticketing, whose ApplyPaymentSucceeded issues the tickets: exactly once, whatever the deliveries.
/// </summary>
public sealed class StripePaymentChainTests(PaymentsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaidThroughCheckout_TheOrderIsPaid_AndItsTicketsIssuedOnce()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 2, price: 2500);
        Assert.Equal("redirect", payment["instructions"]!["kind"]!.GetValue<string>());
        Assert.Equal(5000, payment["amount"]!["amount"]!.GetValue<long>());
        using var control = platform.Control();

        await control.ActAsync("stripe", SessionIdOf(payment), "pay");

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        Assert.Equal(5000, paid["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Null(paid["refundRequested"]);
        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Null(settled["instructions"]);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task EveryWebhookOfAPayment_ThreeTimesInShuffledOrder_IssuesTheTicketsOnce()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 3, price: 1000);
        using var control = platform.Control();
        var held = await control.ActAsync("stripe", SessionIdOf(payment), "pay", delivery: "hold");
        var ids = FakeControl.WebhookIds(held);
        Assert.Equal(3, ids.Count); // charge.succeeded, payment_intent.succeeded, checkout.session.completed

        var statuses = await control.ReleaseAsync("stripe", ids, "shuffle", times: 3, seed: 7);

        Assert.Equal(9, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(200, s));
        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        await WaitUntilAppliedAsync("stripe", ids);
        paid = await buyer.GetOrderAsync(orderId);
        Assert.Equal(3, paid["ticketIds"]!.AsArray().Count);
        Assert.Equal(3000, paid["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Null(paid["refundRequested"]);
        Assert.Equal(1, await OrderPaidEventsAsync(orderId));
    }

    [Fact]
    public async Task WithoutAReturnUrl_ItIsAPaymentIntentForStripeJs_AndPaysTheSameWay()
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        using var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(1500, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 1))["id"]!.GetValue<string>();

        var payment = await PlatformClient.ReadAsync(await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "stripe" }), HttpStatusCode.Created);

        var instructions = payment["instructions"]!.AsObject();
        Assert.Equal("client_secret", instructions["kind"]!.GetValue<string>());
        Assert.Equal(platform.Fakes.Secrets["STRIPE_PUBLISHABLE_KEY"], instructions["publicKey"]!.GetValue<string>());
        var clientSecret = instructions["clientSecret"]!.GetValue<string>();
        var intentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        using var control = platform.Control();
        await control.ActAsync("stripe", intentId, "fail");
        await control.ActAsync("stripe", intentId, "pay");

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Single(paid["ticketIds"]!.AsArray());
    }

    [Fact]
    public async Task StartingAgain_ForTheSameProvider_ReturnsTheSamePayment_AndCreatesNothingAtStripe()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 1, price: 900);

        var again = await PlatformClient.ReadAsync(await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "stripe", ["returnUrl"] = "https://tickets.example/return" }), HttpStatusCode.OK);

        Assert.Equal(payment["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal(payment["instructions"]!["url"]!.GetValue<string>(), again["instructions"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task AForgedOrStaleSignature_Is400_AndChangesNothing()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 1, price: 700);
        var sessionId = SessionIdOf(payment);
        var paymentId = payment["id"]!.GetValue<string>();
        var forgedEvent = new JsonObject
        {
            ["id"] = "evt_forged_" + Guid.NewGuid().ToString("N"),
            ["object"] = "event",
            ["api_version"] = "2024-06-20",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["type"] = "checkout.session.completed",
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = sessionId,
                    ["object"] = "checkout.session",
                    ["amount_total"] = 700,
                    ["currency"] = "eur",
                    ["payment_intent"] = "pi_forged",
                    ["payment_status"] = "paid",
                    ["status"] = "complete",
                    ["metadata"] = new JsonObject { ["payment_id"] = paymentId },
                },
            },
        };
        var body = Encoding.UTF8.GetBytes(forgedEvent.ToJsonString());
        var secret = platform.Fakes.Secrets["STRIPE_WEBHOOK_SECRET"];
        using var http = new HttpClient { BaseAddress = platform.BaseUrl };

        foreach (var signature in new[]
        {
            FakeStripeSigner.Header(body, "whsec_not_the_endpoint_secret", DateTimeOffset.UtcNow),
            FakeStripeSigner.Header(body, secret, DateTimeOffset.UtcNow.AddSeconds(-301)),
            "t=" + DateTimeOffset.UtcNow.ToUnixTimeSeconds() + ",v1=" + new string('0', 64),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            using var response = await http.SendAsync(request, Ct);
            var problem = await BitcoinEvents.TestSupport.ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("signature"), problem.ToJsonString());
        }

        Assert.Null(await DeliveryAsync("stripe", forgedEvent["id"]!.GetValue<string>()));
        Assert.Equal("created", (await buyer.GetPaymentAsync(paymentId))["status"]!.GetValue<string>());
        Assert.Equal("pending", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheOrganizerRefunds_StripeRefunds_AndTheOrderEndsRefunded()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 1, price: 4200);
        var paymentId = payment["id"]!.GetValue<string>();
        using var control = platform.Control();
        await control.ActAsync("stripe", SessionIdOf(payment), "pay");
        await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        await buyer.WaitForPaymentAsync(paymentId, p => p["status"]!.GetValue<string>() == "succeeded");
        using var organizer = platform.ClientFor(platform.Organizer);

        var tooMuch = await organizer.SendAsync(HttpMethod.Post, $"/payments/{paymentId}/refunds", new JsonObject { ["amount"] = new JsonObject { ["amount"] = 4201, ["currency"] = "EUR" } }, PlatformClient.NewKey());
        await BitcoinEvents.TestSupport.ApiClient.AssertValidationErrorAsync(tooMuch, "amount.amount");
        var byBuyer = await buyer.SendAsync(HttpMethod.Post, $"/payments/{paymentId}/refunds", new JsonObject(), PlatformClient.NewKey());
        await BitcoinEvents.TestSupport.ApiClient.ReadProblemAsync(byBuyer, HttpStatusCode.Forbidden);
        var key = PlatformClient.NewKey();
        var refund = await PlatformClient.ReadAsync(await organizer.SendAsync(HttpMethod.Post, $"/payments/{paymentId}/refunds", new JsonObject { ["reason"] = "Venue change" }, key), HttpStatusCode.Accepted);
        Assert.Equal(4200, refund["amount"]!["amount"]!.GetValue<long>());

        var refunded = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "refunded");
        Assert.Equal(4200, refunded["amountRefunded"]!["amount"]!.GetValue<long>());
        var settled = await buyer.WaitForPaymentAsync(paymentId, p => p["status"]!.GetValue<string>() == "refunded");
        Assert.Equal(4200, settled["refunded"]!["amount"]!.GetValue<long>());

        // The same request again (a retry) is the same refund; another finds nothing left.
        var retried = await PlatformClient.ReadAsync(await organizer.SendAsync(HttpMethod.Post, $"/payments/{paymentId}/refunds", new JsonObject { ["reason"] = "Venue change" }, key), HttpStatusCode.Accepted);
        Assert.Equal(refund["requestId"]!.GetValue<string>(), retried["requestId"]!.GetValue<string>());
        var more = await organizer.SendAsync(HttpMethod.Post, $"/payments/{paymentId}/refunds", new JsonObject(), PlatformClient.NewKey());
        await BitcoinEvents.TestSupport.ApiClient.ReadProblemAsync(more, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ExpireOrderPayments_WhenTheOrderExpires_ExpiresItsCheckoutSessionAtStripe()
    {
        var (buyer, orderId, payment) = await StartedCheckoutAsync(quantity: 1, price: 1100);
        var sessionId = SessionIdOf(payment);

        // What Ticketing's ExpireHolds writes when the hold runs out (its outbox, in the order's transaction);
        // DispatchOutbox publishes it and Payments' ExpireOrderPayments consumes it.
        var outbox = new BitcoinEvents.Infrastructure.Messaging.Outbox(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OUTBOX_TABLE"] = platform.TableName("OutboxTable") }).Build(),
            TimeProvider.System);
        var expired = BitcoinEvents.Infrastructure.Messaging.DomainEventEnvelope.Create(
            new BitcoinEvents.Domain.Messages.OrderExpiredV1(orderId, "event", platform.Attendee.Sub, DateTimeOffset.UtcNow),
            BitcoinEvents.Domain.Messages.MessagesJsonContext.Default.OrderExpiredV1,
            BitcoinEvents.Infrastructure.Messaging.DomainEventIds.From("ticketing", "OrderExpired", orderId, "test"),
            "ticketing",
            orderId,
            DateTimeOffset.UtcNow);
        using var dynamo = platform.Dynamo();
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [outbox.Put(expired)] }, Ct);

        var closed = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "expired");
        Assert.Null(closed["instructions"]);
        var sessions = (await new HttpClient().GetFromJsonNodeAsync(new Uri(platform.Fakes.ControlUrl, "stripe/payments")))!["checkoutSessions"]!.AsArray();
        Assert.Equal("expired", sessions.Single(s => s!["id"]!.GetValue<string>() == sessionId)!["status"]!.GetValue<string>());
    }

    private async Task<(PlatformClient Buyer, string OrderId, JsonObject Payment)> StartedCheckoutAsync(int quantity, long price)
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(price, "EUR");
        var order = await buyer.PendingOrderAsync(eventId, typeId, quantity);
        var orderId = order["id"]!.GetValue<string>();
        var payment = await PlatformClient.ReadAsync(
            await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "stripe", ["returnUrl"] = "https://tickets.example/return" }),
            HttpStatusCode.Created);
        return (buyer, orderId, payment);
    }

    internal static string SessionIdOf(JsonObject payment)
    {
        var url = payment["instructions"]!["url"]!.GetValue<string>();
        return url[(url.LastIndexOf('/') + 1)..];
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

    /// <summary>Waits until every delivery of <paramref name="eventIds"/> was applied by the worker.</summary>
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

    /// <summary>How many OrderPaid events the outbox holds for the order (Ticketing writes one per issue of tickets).</summary>
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

internal static class HttpClientJson
{
    public static async Task<JsonNode?> GetFromJsonNodeAsync(this HttpClient http, Uri url)
    {
        using (http)
        {
            return JsonNode.Parse(await http.GetStringAsync(url, TestContext.Current.CancellationToken));
        }
    }
}
