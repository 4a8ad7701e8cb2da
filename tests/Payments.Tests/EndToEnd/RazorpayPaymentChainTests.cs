using Microsoft.Extensions.Configuration;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>Razorpay (UPI) against the local platform, end to end, through the fake Razorpay's orders, payments and signed webhooks.</summary>
public sealed class RazorpayPaymentChainTests(PaymentsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AUpiPaymentFailedThenCaptured_EndsCaptured_AndIssuesTheTicketsOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync(quantity: 2, price: 50000);
        var instructions = payment["instructions"]!.AsObject();
        Assert.Equal("razorpay_checkout", instructions["kind"]!.GetValue<string>());
        Assert.Equal(platform.Fakes.Secrets["RAZORPAY_KEY_ID"], instructions["publicKey"]!.GetValue<string>());
        var razorpayOrder = instructions["providerOrderId"]!.GetValue<string>();
        using var control = platform.Control();

        await control.ActAsync("razorpay", razorpayOrder, "fail");
        var failed = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "failed");
        Assert.Equal("payment_failed", failed["failureReason"]!.GetValue<string>());
        await control.ActAsync("razorpay", razorpayOrder, "pay");

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal(2, paid["ticketIds"]!.AsArray().Count);
        Assert.Equal(100000, paid["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Equal("succeeded", (await buyer.GetPaymentAsync(payment["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CapturedBeforeFailed_AndEveryWebhookThreeTimesShuffled_StillCapturedOnce()
    {
        var (buyer, orderId, payment) = await StartedAsync(quantity: 1, price: 25000);
        var razorpayOrder = payment["instructions"]!["providerOrderId"]!.GetValue<string>();
        using var control = platform.Control();
        var failed = await control.ActAsync("razorpay", razorpayOrder, "fail", delivery: "hold");
        var paid = await control.ActAsync("razorpay", razorpayOrder, "pay", delivery: "hold");
        var ids = FakeControl.WebhookIds(failed).Concat(FakeControl.WebhookIds(paid)).ToList();

        var statuses = await control.ReleaseAsync("razorpay", ids, "reverse", times: 3, seed: 11);
        Assert.All(statuses, s => Assert.Equal(200, s));

        var order = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        var settled = await buyer.WaitForPaymentAsync(payment["id"]!.GetValue<string>(), p => p["status"]!.GetValue<string>() == "succeeded");
        Assert.Equal(25000, settled["received"]!["amount"]!.GetValue<long>());
        Assert.Single(order["ticketIds"]!.AsArray());
        Assert.Equal(25000, order["amountPaid"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task RazorpayOnlyTakesRupees()
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        using var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(2000, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 1))["id"]!.GetValue<string>();

        var response = await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "razorpay" });

        await BitcoinEvents.TestSupport.ApiClient.AssertValidationErrorAsync(response, "provider");
    }

    [Fact]
    public async Task TheDocumentedPaymentCapturedPayload_Verifies_IsStored_AndPaysTheOrderItIsAbout()
    {
        // An order of INR 500.00, whose payment Razorpay knows as the documentation's order_GwUvksWDBcSdw9.
        var (buyer, orderId, payment) = await StartedAsync(quantity: 1, price: 50000);
        var paymentId = payment["id"]!.GetValue<string>();
        var store = new BitcoinEvents.Payments.Storage.PaymentStore(platform.Dynamo(), new BitcoinEvents.Payments.Storage.PaymentsTable(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PAYMENTS_TABLE"] = platform.TableName("PaymentsTable") }).Build()));
        await store.RememberReferenceAsync("razorpay", "order_GwUvksWDBcSdw9", paymentId, Ct);

        var body = Samples.Read("razorpay", "payment.captured");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(platform.Fakes.Secrets["RAZORPAY_WEBHOOK_SECRET"]), body));
        using var http = new HttpClient { BaseAddress = platform.BaseUrl };
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/razorpay") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("X-Razorpay-Signature", signature);
            request.Headers.TryAddWithoutValidation("X-Razorpay-Event-Id", "KAJ0GkNAzG1yUk" + orderId[..6]);
            var ack = await PlatformClient.ReadAsync(await http.SendAsync(request, Ct), HttpStatusCode.OK);
            Assert.Equal(i == 1, ack["duplicate"]!.GetValue<bool>());
        }

        var paid = await buyer.WaitForOrderAsync(orderId, o => o["status"]!.GetValue<string>() == "paid");
        Assert.Single(paid["ticketIds"]!.AsArray());
    }

    private async Task<(PlatformClient Buyer, string OrderId, JsonObject Payment)> StartedAsync(int quantity, long price)
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(price, "INR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, quantity))["id"]!.GetValue<string>();
        var payment = await PlatformClient.ReadAsync(await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "razorpay" }), HttpStatusCode.Created);
        return (buyer, orderId, payment);
    }
}
