using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Razorpay;

/// <summary>
/// A fake Razorpay: orders (created, found by receipt, their payments), refunds, with HTTP Basic key
/// id and secret; payments made through the control API (a UPI payment captured, or failed, in any
/// order); webhooks in Razorpay's envelope (<c>entity: event</c>, <c>payload.payment.entity</c>, ...)
/// with <c>X-Razorpay-Signature</c> (hex HMAC-SHA256 of the body with the dev webhook secret) and a
/// <c>X-Razorpay-Event-Id</c> per event.
/// </summary>
public sealed class FakeRazorpay(FakeContext context) : IFakeProvider
{
    public const string ProviderId = "razorpay";

    private readonly object _gate = new();
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Payment> _payments = new(StringComparer.Ordinal);

    public string Id => ProviderId;

    public IReadOnlyCollection<string> Actions { get; } = [FakeActions.Pay, FakeActions.Fail, FakeActions.Refund];

    public IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase) =>
        new Dictionary<string, string> { ["RAZORPAY_API_BASE"] = apiBase.ToString() };

    public void MapApi(IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/orders", (HttpRequest request) => Authorized(request, async () =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body?["amount"]?.GetValue<long>() is not { } amount || amount < 100 || body["currency"]?.GetValue<string>() is not { Length: 3 } currency)
            {
                return Error(HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR", "The amount must be at least INR 1.00.");
            }

            var order = new Order
            {
                Id = FakeIds.New("order_", 14),
                Amount = amount,
                Currency = currency,
                Receipt = body["receipt"]?.GetValue<string>(),
                Notes = body["notes"] as JsonObject ?? [],
                CreatedAt = context.Clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            lock (_gate)
            {
                _orders[order.Id] = order;
                return Json(RenderOrder(order));
            }
        }));
        api.MapGet("/v1/orders", (HttpRequest request) => Authorized(request, () =>
        {
            var receipt = request.Query["receipt"].ToString();
            lock (_gate)
            {
                return Task.FromResult(Json(Collection(_orders.Values.Where(o => receipt.Length == 0 || o.Receipt == receipt).Select(RenderOrder))));
            }
        }));
        api.MapGet("/v1/orders/{id}/payments", (HttpRequest request, string id) => Authorized(request, () =>
        {
            lock (_gate)
            {
                return Task.FromResult(_orders.ContainsKey(id)
                    ? Json(Collection(_payments.Values.Where(p => p.OrderId == id).Select(RenderPayment)))
                    : Error(HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR", "The id provided does not exist"));
            }
        }));
        api.MapGet("/v1/payments/{id}/refunds", (HttpRequest request, string id) => Authorized(request, () =>
        {
            lock (_gate)
            {
                return Task.FromResult(_payments.TryGetValue(id, out var payment)
                    ? Json(Collection(payment.Refunds.Select(r => RenderRefund(r, payment))))
                    : Error(HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR", "The id provided does not exist"));
            }
        }));
        api.MapPost("/v1/payments/{id}/refund", (HttpRequest request, string id) => Authorized(request, async () =>
        {
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
            FakeActionResult result;
            lock (_gate)
            {
                if (!_payments.TryGetValue(id, out var payment))
                {
                    return Error(HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR", "The id provided does not exist");
                }

                result = RefundPayment(payment, body["amount"]?.GetValue<long>(), body["notes"] as JsonObject, context.Clock.GetUtcNow());
                if (result is FakeActionResult.Refused refused)
                {
                    return Error(HttpStatusCode.BadRequest, "BAD_REQUEST_ERROR", refused.Reason);
                }
            }

            context.Webhooks.EmitInBackground(ProviderId, ((FakeActionResult.Done)result).Webhooks);
            lock (_gate)
            {
                var payment = _payments[id];
                return Json(RenderRefund(payment.Refunds[^1], payment));
            }
        }));
    }

    public FakeActionResult Act(string reference, FakeAction action)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            if (!_orders.TryGetValue(reference, out var order))
            {
                return new FakeActionResult.NotFound();
            }

            switch (action.Name)
            {
                case FakeActions.Pay:
                    if (order.AmountPaid >= order.Amount)
                    {
                        return new FakeActionResult.Refused("The order is paid.");
                    }

                    // A UPI payment that failed is often captured after all: pay the failed attempt if there is one.
                    var attempt = _payments.Values.FirstOrDefault(p => p.OrderId == order.Id && p.Status == "failed") ?? NewPayment(order, now);
                    attempt.Status = "captured";
                    attempt.ErrorCode = attempt.ErrorReason = attempt.ErrorDescription = null;
                    order.AmountPaid += attempt.Amount;
                    order.Attempts++;
                    return new FakeActionResult.Done(
                    [
                        Event("payment.authorized", now, payment: attempt with { Status = "authorized" }),
                        Event("payment.captured", now, payment: attempt),
                        Event("order.paid", now, payment: attempt, order: order),
                    ]);
                case FakeActions.Fail:
                    var failed = NewPayment(order, now);
                    failed.Status = "failed";
                    failed.ErrorCode = "BAD_REQUEST_ERROR";
                    failed.ErrorReason = "payment_failed";
                    failed.ErrorDescription = "Payment was unsuccessful as the UPI app did not respond.";
                    order.Attempts++;
                    return new FakeActionResult.Done([Event("payment.failed", now, payment: failed)]);
                case FakeActions.Refund:
                    var captured = _payments.Values.FirstOrDefault(p => p.OrderId == order.Id && p.Status is "captured" or "refunded");
                    return captured is null ? new FakeActionResult.Refused("Nothing was captured.") : RefundPayment(captured, action.Amount, null, now);
                default:
                    return new FakeActionResult.Refused($"Unknown action {action.Name}.");
            }
        }
    }

    public JsonNode Describe()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["orders"] = new JsonArray([.. _orders.Values.Select(o => (JsonNode)RenderOrder(o))]),
                ["payments"] = new JsonArray([.. _payments.Values.Select(p => (JsonNode)RenderPayment(p))]),
            };
        }
    }

    private Payment NewPayment(Order order, DateTimeOffset now)
    {
        var payment = new Payment
        {
            Id = FakeIds.New("pay_", 14),
            OrderId = order.Id,
            Amount = order.Amount - order.AmountPaid,
            Currency = order.Currency,
            CreatedAt = now.ToUnixTimeSeconds(),
        };
        _payments[payment.Id] = payment;
        return payment;
    }

    private FakeActionResult RefundPayment(Payment payment, long? amount, JsonObject? notes, DateTimeOffset now)
    {
        var left = payment.Amount - payment.Refunds.Sum(r => r.Amount);
        var take = amount ?? left;
        if (take <= 0 || take > left)
        {
            return new FakeActionResult.Refused("The refund amount provided is greater than amount captured.");
        }

        var refund = new Refund(FakeIds.New("rfnd_", 14), take, notes ?? [], now.ToUnixTimeSeconds());
        payment.Refunds.Add(refund);
        if (payment.Refunds.Sum(r => r.Amount) == payment.Amount)
        {
            payment.Status = "refunded";
        }

        return new FakeActionResult.Done(
        [
            Event("refund.created", now, payment: payment, refund: refund),
            Event("refund.processed", now, payment: payment, refund: refund),
        ]);
    }

    private static JsonObject RenderOrder(Order order) => new()
    {
        ["id"] = order.Id,
        ["entity"] = "order",
        ["amount"] = order.Amount,
        ["amount_paid"] = order.AmountPaid,
        ["amount_due"] = order.Amount - order.AmountPaid,
        ["currency"] = order.Currency,
        ["receipt"] = order.Receipt,
        ["offer_id"] = null,
        ["status"] = order.AmountPaid >= order.Amount ? "paid" : order.Attempts > 0 ? "attempted" : "created",
        ["attempts"] = order.Attempts,
        ["notes"] = order.Notes.Count == 0 ? new JsonArray() : order.Notes.DeepClone(),
        ["created_at"] = order.CreatedAt,
    };

    private static JsonObject RenderPayment(Payment payment)
    {
        var refunded = payment.Refunds.Sum(r => r.Amount);
        return new JsonObject
        {
            ["id"] = payment.Id,
            ["entity"] = "payment",
            ["amount"] = payment.Amount,
            ["currency"] = payment.Currency,
            ["status"] = payment.Status,
            ["order_id"] = payment.OrderId,
            ["invoice_id"] = null,
            ["international"] = false,
            ["method"] = "upi",
            ["amount_refunded"] = refunded,
            ["refund_status"] = refunded == 0 ? null : refunded == payment.Amount ? "full" : "partial",
            ["captured"] = payment.Status is "captured" or "refunded",
            ["description"] = null,
            ["card_id"] = null,
            ["bank"] = null,
            ["wallet"] = null,
            ["vpa"] = "success@razorpay",
            ["email"] = "buyer@example.com",
            ["contact"] = "+919000090000",
            ["notes"] = new JsonArray(),
            ["fee"] = payment.Status == "captured" ? payment.Amount / 50 : null,
            ["tax"] = payment.Status == "captured" ? payment.Amount / 300 : null,
            ["error_code"] = payment.ErrorCode,
            ["error_description"] = payment.ErrorDescription,
            ["error_source"] = payment.ErrorCode is null ? null : "customer",
            ["error_step"] = payment.ErrorCode is null ? null : "payment_authorization",
            ["error_reason"] = payment.ErrorReason,
            ["acquirer_data"] = new JsonObject { ["rrn"] = "3" + payment.CreatedAt.ToString(CultureInfo.InvariantCulture)[^10..] + "1" },
            ["created_at"] = payment.CreatedAt,
            ["upi"] = new JsonObject { ["vpa"] = "success@razorpay" },
        };
    }

    private static JsonObject RenderRefund(Refund refund, Payment payment) => new()
    {
        ["id"] = refund.Id,
        ["entity"] = "refund",
        ["amount"] = refund.Amount,
        ["currency"] = payment.Currency,
        ["payment_id"] = payment.Id,
        ["notes"] = refund.Notes.Count == 0 ? new JsonArray() : refund.Notes.DeepClone(),
        ["receipt"] = null,
        ["acquirer_data"] = new JsonObject { ["rrn"] = null },
        ["created_at"] = refund.CreatedAt,
        ["batch_id"] = null,
        ["status"] = "processed",
        ["speed_processed"] = "normal",
        ["speed_requested"] = "normal",
    };

    private static JsonObject Collection(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject { ["entity"] = "collection", ["count"] = array.Count, ["items"] = array };
    }

    private FakeWebhookEvent Event(string type, DateTimeOffset now, Payment payment, Order? order = null, Refund? refund = null)
    {
        var contains = new JsonArray();
        var payload = new JsonObject();
        if (refund is not null)
        {
            contains.Add("refund");
            payload["refund"] = new JsonObject { ["entity"] = RenderRefund(refund, payment) };
        }

        contains.Add("payment");
        payload["payment"] = new JsonObject { ["entity"] = RenderPayment(payment) };
        if (order is not null)
        {
            contains.Add("order");
            payload["order"] = new JsonObject { ["entity"] = RenderOrder(order) };
        }

        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["entity"] = "event",
            ["account_id"] = "acc_DEVONLYfakeacct",
            ["event"] = type,
            ["contains"] = contains,
            ["payload"] = payload,
            ["created_at"] = now.ToUnixTimeSeconds(),
        }.ToJsonString());
        var eventId = FakeIds.New("", 14);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(context.Secrets["RAZORPAY_WEBHOOK_SECRET"]), body));
        return new FakeWebhookEvent(eventId, type, _ => new SignedWebhook(body,
        [
            KeyValuePair.Create("X-Razorpay-Signature", signature),
            KeyValuePair.Create("X-Razorpay-Event-Id", eventId),
        ]));
    }

    private async Task<IResult> Authorized(HttpRequest request, Func<Task<IResult>> next)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(context.Secrets["RAZORPAY_KEY_ID"] + ":" + context.Secrets["RAZORPAY_KEY_SECRET"]));
        return request.Headers.Authorization.ToString() == expected
            ? await next()
            : Error(HttpStatusCode.Unauthorized, "BAD_REQUEST_ERROR", "Authentication failed");
    }

    private static IResult Json(JsonObject json) => Results.Content(json.ToJsonString(), "application/json", Encoding.UTF8);

    private static IResult Error(HttpStatusCode status, string code, string description) =>
        Results.Content(new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["description"] = description, ["source"] = "business", ["step"] = "payment_initiation", ["reason"] = "input_validation_failed" },
        }.ToJsonString(), "application/json", Encoding.UTF8, (int)status);

    private sealed class Order
    {
        public required string Id { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public string? Receipt { get; init; }

        public required JsonObject Notes { get; init; }

        public required long CreatedAt { get; init; }

        public long AmountPaid { get; set; }

        public int Attempts { get; set; }
    }

    private sealed record Payment
    {
        public required string Id { get; init; }

        public required string OrderId { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public required long CreatedAt { get; init; }

        public string Status { get; set; } = "created";

        public string? ErrorCode { get; set; }

        public string? ErrorReason { get; set; }

        public string? ErrorDescription { get; set; }

        public List<Refund> Refunds { get; init; } = [];
    }

    private sealed record Refund(string Id, long Amount, JsonObject Notes, long CreatedAt);
}
