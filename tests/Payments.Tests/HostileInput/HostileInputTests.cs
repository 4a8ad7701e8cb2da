using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using Payments.Tests.Support;

namespace Payments.Tests.HostileInput;

/// <summary>
/// Hostile input to the payment and webhook routes: the shared table of <see cref="HostileRequests"/>
/// on every Payments route, plus the payment fields. Every request gets a 4xx problem (never a 5xx,
/// never a success), and no payment, refund or delivery comes of it.
/// </summary>
public sealed class HostileInputTests(PaymentsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPaymentsRoute_RefusesEveryHostileRequest_WithAProblem_AndChangesNothing()
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        using var buyer = platform.ClientFor(platform.Attendee);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(1200, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 1))["id"]!.GetValue<string>();
        var paymentId = BitcoinEvents.Domain.Payments.PaymentIds.ForOrder(orderId, "stripe");
        RouteUnderTest[] routes =
        [
            new("StartPayment", HttpMethod.Post, $"/orders/{orderId}/payments", ReadsBody: true, RequiresAuthorization: true),
            new("GetPayment", HttpMethod.Get, $"/payments/{paymentId}", ReadsBody: false, RequiresAuthorization: true),
            new("RefundPayment", HttpMethod.Post, $"/payments/{paymentId}/refunds", ReadsBody: true, RequiresAuthorization: true),
            new("SetEventPaymentProviders", HttpMethod.Put, $"/events/{eventId}/payment-providers", ReadsBody: true, RequiresAuthorization: true),
            new("GetEventPaymentProviders", HttpMethod.Get, $"/events/{eventId}/payment-providers", ReadsBody: false, RequiresAuthorization: false),
            new("ReceiveStripeWebhook", HttpMethod.Post, "/webhooks/stripe", ReadsBody: true, RequiresAuthorization: false),
            new("ReceiveRazorpayWebhook", HttpMethod.Post, "/webhooks/razorpay", ReadsBody: true, RequiresAuthorization: false),
        ];
        void AsBuyer(HttpRequestMessage request) => request.Headers.Authorization = new("Bearer", platform.Attendee.AccessToken);

        var requests = routes
            .SelectMany(route => HostileRequests.For(route, route.RequiresAuthorization ? AsBuyer : null)
                .Concat(route.Path.Contains(orderId, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, orderId, AsBuyer) : [])
                .Concat(route.Path.Contains(paymentId, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, paymentId, AsBuyer) : [])
                .Concat(route.Path.Contains(eventId, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, eventId, AsBuyer) : []))
            .Concat(PaymentFieldRequests(orderId, AsBuyer))
            .ToList();
        var failures = new List<string>();
        using var client = new HttpClient { BaseAddress = platform.BaseUrl };
        foreach (var hostile in requests)
        {
            using var request = hostile.Create();
            if (request.Headers.Any(h => h.Value.Any(v => v.Any(c => c > 127))))
            {
                // HttpClient cannot put a non-ASCII header on a real socket (the in-process tests of the
                // platform's middleware send those: tests/Events.Tests HostileInputTests).
                continue;
            }

            using var response = await client.SendAsync(request, Ct);
            try
            {
                await HostileRequests.AssertRefusedAsync(hostile, response);
            }
            catch (Exception failure) when (failure is Xunit.Sdk.IAssertionException)
            {
                failures.Add(failure.Message);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} hostile requests were not refused properly:\n{string.Join("\n", failures)}");
        await ApiClient.ReadProblemAsync(await buyer.GetAsync($"/payments/{paymentId}"), HttpStatusCode.NotFound);
        Assert.Equal("pending", (await buyer.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherBuyersOrder_IsNotFound_AndAnUnknownProviderNamesTheField()
    {
        using var organizer = platform.ClientFor(platform.Organizer);
        using var buyer = platform.ClientFor(platform.Attendee);
        using var stranger = platform.ClientFor(platform.OtherOrganizer);
        var (eventId, typeId) = await organizer.PublishedEventWithTicketsAsync(1200, "EUR");
        var orderId = (await buyer.PendingOrderAsync(eventId, typeId, 1))["id"]!.GetValue<string>();

        await ApiClient.ReadProblemAsync(await stranger.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "stripe" }), HttpStatusCode.NotFound);
        await ApiClient.AssertValidationErrorAsync(await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "paypal" }), "provider");

        // The organizer offers Razorpay only: Stripe is no longer offered for this event.
        await PlatformClient.ReadAsync(await organizer.SendAsync(HttpMethod.Put, $"/events/{eventId}/payment-providers", new JsonObject { ["providers"] = new JsonArray("razorpay") }), HttpStatusCode.OK);
        using var anonymous = platform.ClientFor(null);
        var offered = await PlatformClient.ReadAsync(await anonymous.GetAsync($"/events/{eventId}/payment-providers"), HttpStatusCode.OK);
        Assert.Equal(["razorpay"], offered["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
        await ApiClient.AssertValidationErrorAsync(await buyer.StartPaymentAsync(orderId, new JsonObject { ["provider"] = "stripe" }), "provider");
        await ApiClient.ReadProblemAsync(await stranger.SendAsync(HttpMethod.Put, $"/events/{eventId}/payment-providers", new JsonObject { ["providers"] = new JsonArray("stripe") }), HttpStatusCode.Forbidden);
    }

    private static IEnumerable<HostileRequest> PaymentFieldRequests(string orderId, Action<HttpRequestMessage> authorize)
    {
        var badRequest = new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest };
        (string Name, string Body)[] bodies =
        [
            ("no provider", "{}"),
            ("provider null", """{"provider": null}"""),
            ("provider a number", """{"provider": 7}"""),
            ("provider upper case", """{"provider": "STRIPE"}"""),
            ("provider with a NUL", "{\"provider\": \"stripe\\u0000\"}"),
            ("returnUrl javascript", """{"provider": "stripe", "returnUrl": "javascript:alert(1)"}"""),
            ("returnUrl plain http elsewhere", """{"provider": "stripe", "returnUrl": "http://evil.example/return"}"""),
            ("returnUrl with user info", """{"provider": "stripe", "returnUrl": "https://user:pass@tickets.example/"}"""),
            ("returnUrl huge", "{\"provider\": \"stripe\", \"returnUrl\": \"https://x.example/" + new string('a', 3000) + "\"}"),
            ("options not an object", """{"provider": "stripe", "options": ["a"]}"""),
            ("option name odd", """{"provider": "stripe", "options": {"Flow!": "x"}}"""),
            ("option value control characters", "{\"provider\": \"stripe\", \"options\": {\"flow\": \"a\\nb\"}}"),
            ("flow unknown", """{"provider": "stripe", "options": {"flow": "teleport"}}"""),
            ("checkout without returnUrl", """{"provider": "stripe", "options": {"flow": "checkout"}}"""),
            ("amount from the client", """{"provider": "stripe", "amount": 1}"""),
        ];
        foreach (var (name, body) in bodies)
        {
            yield return new($"StartPayment: {name}", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/orders/{orderId}/payments") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                authorize(request);
                return request;
            }, badRequest);
        }
    }
}
