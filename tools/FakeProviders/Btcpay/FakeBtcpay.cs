using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Btcpay;

/// <summary>
/// A fake BTCPay Server store (Greenfield API v1, store-scoped routes): invoices priced in BTC with an
/// on-chain (BTC-CHAIN, regtest address, BIP21 link) and a Lightning (BTC-LN, BOLT11) payment method,
/// the store's rates, refunds as pull payments and their payouts. Webhooks are built as BTCPay builds
/// them (indented JSON, the event's own members first, then deliveryId … metadata) and signed as it
/// signs them: <c>BTCPay-Sig: sha256=HMAC-SHA256(secret, body)</c>. A webhook sent again is a
/// redelivery, as BTCPay redelivers: a new deliveryId, <c>isRedelivery</c> true, the same
/// <c>originalDeliveryId</c>.
/// </summary>
public sealed class FakeBtcpay : IFakeProvider
{
    public const string ProviderId = "btcpay";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The fake store's rates: major units per bitcoin.</summary>
    private static readonly Dictionary<string, string> Rates = new(StringComparer.Ordinal)
    {
        ["EUR"] = "50000",
        ["USD"] = "60000",
        ["GBP"] = "45000",
        ["INR"] = "5000000",
        ["JPY"] = "9000000",
    };

    private readonly FakeContext _context;
    private readonly Dictionary<string, FakeInvoice> _invoices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakePullPayment> _pulls = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly string _webhookId = FakeIds.Base58Id();
    private Uri _apiBase = new("http://127.0.0.1/btcpay/");

    public FakeBtcpay(FakeContext context) => _context = context;

    public string Id => ProviderId;

    public IReadOnlyCollection<string> Actions { get; } =
        [FakeActions.Pay, FakeActions.Underpay, FakeActions.Overpay, FakeActions.PayLate, FakeActions.Expire, FakeActions.Fail, FakeActions.Refund];

    private string StoreId => _context.Secrets["BTCPAY_STORE_ID"];

    public IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase)
    {
        _apiBase = apiBase;
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["BTCPAY_API_BASE"] = apiBase.ToString() };
    }

    public void MapApi(IEndpointRouteBuilder api)
    {
        var store = api.MapGroup("/api/v1/stores/{storeId}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Headers.Authorization.ToString() != "token " + _context.Secrets["BTCPAY_API_KEY"])
            {
                return Results.Json(new JsonObject { ["code"] = "unauthenticated", ["message"] = "Authentication is required for accessing this endpoint" }, statusCode: 401);
            }

            return http.Request.RouteValues["storeId"] as string == StoreId
                ? await next(context)
                : Results.Json(new JsonObject { ["code"] = "missing-permission", ["message"] = "Insufficient API Permissions." }, statusCode: 403);
        });

        store.MapPost("/invoices", (JsonObject body) => CreateInvoice(body));
        store.MapGet("/invoices", (string? orderId) =>
        {
            lock (_lock)
            {
                return Results.Json(new JsonArray([.. _invoices.Values.Where(i => orderId is null || i.OrderId == orderId).Select(i => (JsonNode)InvoiceJson(i))]));
            }
        });
        store.MapGet("/invoices/{invoiceId}", (string invoiceId) => WithInvoice(invoiceId, i => Results.Json(InvoiceJson(i))));
        store.MapGet("/invoices/{invoiceId}/payment-methods", (string invoiceId) => WithInvoice(invoiceId, i => Results.Json(PaymentMethodsJson(i))));
        store.MapPost("/invoices/{invoiceId}/refund", (string invoiceId, JsonObject body) => WithInvoice(invoiceId, i => Refund(i, body)));
        store.MapGet("/pull-payments", () =>
        {
            lock (_lock)
            {
                return Results.Json(new JsonArray([.. _pulls.Values.Select(p => (JsonNode)PullJson(p))]));
            }
        });
        store.MapGet("/rates", (HttpRequest request) =>
        {
            var pairs = request.Query["currencyPair"].Where(p => p is not null).Select(p => p!).ToList();
            return Results.Json(new JsonArray([.. pairs.Select(pair =>
            {
                var currency = pair.StartsWith("BTC_", StringComparison.Ordinal) ? pair[4..] : "";
                return (JsonNode)(Rates.TryGetValue(currency, out var rate)
                    ? new JsonObject { ["currencyPair"] = pair, ["errors"] = new JsonArray(), ["rate"] = rate }
                    : new JsonObject { ["currencyPair"] = pair, ["errors"] = new JsonArray("The rate rule is missing or the rate is unavailable"), ["rate"] = null });
            })]));
        });

        api.MapGet("/api/v1/pull-payments/{pullPaymentId}", (string pullPaymentId) =>
        {
            lock (_lock)
            {
                return _pulls.TryGetValue(pullPaymentId, out var pull) ? Results.Json(PullJson(pull)) : NotFound("pullpayment-not-found", "Pull payment not found");
            }
        });
        api.MapGet("/api/v1/pull-payments/{pullPaymentId}/payouts", (string pullPaymentId) =>
        {
            lock (_lock)
            {
                return _pulls.TryGetValue(pullPaymentId, out var pull)
                    ? Results.Json(new JsonArray([.. pull.Payouts.Select(p => (JsonNode)PayoutJson(pull, p))]))
                    : NotFound("pullpayment-not-found", "Pull payment not found");
            }
        });

        // The buyer's checkout page (the invoice's checkoutLink): what to pay, and a button that pays
        // it as the buyer's Lightning wallet would, then returns to the store's redirectURL.
        api.MapGet("/i/{invoiceId}", (string invoiceId) => WithInvoice(invoiceId, CheckoutPage));
        api.MapPost("/i/{invoiceId}/pay", async (string invoiceId, CancellationToken ct) =>
        {
            if (Act(invoiceId, new FakeAction(FakeActions.Pay)) is not FakeActionResult.Done done)
            {
                return WithInvoice(invoiceId, CheckoutPage);
            }

            await _context.Webhooks.EmitAsync(Id, done.Webhooks, ct: ct);
            string? redirect;
            lock (_lock)
            {
                redirect = _invoices[invoiceId].RedirectUrl;
            }

            return redirect is null ? Results.Redirect(invoiceId) : Results.Redirect(redirect);
        });
    }

    public FakeActionResult Act(string reference, FakeAction action)
    {
        lock (_lock)
        {
            // The invoice's id, or its BOLT11 invoice: what a Lightning wallet knows of it.
            var invoice = _invoices.GetValueOrDefault(reference) ?? _invoices.Values.FirstOrDefault(i => i.Bolt11 == reference);
            if (invoice is null)
            {
                return new FakeActionResult.NotFound();
            }

            var now = _context.Clock.GetUtcNow();
            var due = invoice.Satoshis - invoice.Paid;
            switch (action.Name)
            {
                case FakeActions.Pay when invoice.Status is "New" && due > 0:
                    // Paid whole, or through its BOLT11 (which pays exactly what it asks), it is paid over Lightning.
                    return Done(Receive(invoice, action.Amount ?? due, lightning: reference == invoice.Bolt11 || action.Amount is null || action.Amount == due, now, late: false));
                case FakeActions.Underpay when invoice.Status is "New" && due > 1:
                    return Done(Receive(invoice, action.Amount ?? due / 2, lightning: false, now, late: false));
                case FakeActions.Overpay when invoice.Status is "New" && due > 0:
                    return Done(Receive(invoice, action.Amount ?? due + Math.Max(1, due / 2), lightning: false, now, late: false));
                case FakeActions.PayLate when invoice.Status is "New" or "Expired" && due > 0:
                    var events = invoice.Status == "New" ? Expire(invoice) : [];
                    // Sent after the invoice expired: stamped after its expiry, whatever the clock says.
                    var at = now > invoice.ExpiresAt ? now : invoice.ExpiresAt.AddMinutes(1);
                    return Done([.. events, .. Receive(invoice, action.Amount ?? due, lightning: false, at, late: true)]);
                case FakeActions.Expire when invoice.Status is "New":
                    return Done(Expire(invoice));
                case FakeActions.Fail when invoice.Status is "New" or "Processing" or "Expired":
                    invoice.Status = "Invalid";
                    invoice.AdditionalStatus = "Invalid";
                    return Done([Webhook(invoice, "InvoiceInvalid", body => body["manuallyMarked"] = false)]);
                case FakeActions.Refund when invoice.Pulls.Count > 0:
                    return Done(CompletePayouts(invoice, now));
                case FakeActions.Pay or FakeActions.Underpay or FakeActions.Overpay or FakeActions.PayLate or FakeActions.Expire or FakeActions.Fail or FakeActions.Refund:
                    return new FakeActionResult.Refused($"Invoice {invoice.Id} is {invoice.Status} ({invoice.AdditionalStatus}), {due} sats due: '{action.Name}' does not apply.");
                default:
                    return new FakeActionResult.Refused($"Unknown action '{action.Name}'.");
            }
        }
    }

    public JsonNode Describe()
    {
        lock (_lock)
        {
            return new JsonObject
            {
                ["storeId"] = StoreId,
                ["invoices"] = new JsonArray([.. _invoices.Values.Select(i => (JsonNode)InvoiceJson(i))]),
                ["pullPayments"] = new JsonArray([.. _pulls.Values.Select(p => (JsonNode)PullJson(p))]),
            };
        }
    }

    private IResult CreateInvoice(JsonObject body)
    {
        var amount = body["amount"]?.GetValue<string>();
        var currency = body["currency"]?.GetValue<string>() ?? "BTC";
        if (currency != "BTC" || !TryParseBtc(amount, out var satoshis) || satoshis <= 0)
        {
            return Results.Json(new JsonArray(new JsonObject { ["path"] = "amount", ["message"] = "The fake store takes invoices priced in BTC with a positive amount" }), statusCode: 422);
        }

        var now = _context.Clock.GetUtcNow();
        var checkout = body["checkout"] as JsonObject;
        var minutes = checkout?["expirationMinutes"]?.GetValue<double>() ?? 15;
        var monitoring = checkout?["monitoringMinutes"]?.GetValue<double>() ?? 1440;
        var metadata = body["metadata"] as JsonObject ?? [];
        var invoice = new FakeInvoice
        {
            Id = FakeIds.Base58Id(),
            OrderId = metadata["orderId"]?.GetValue<string>(),
            Metadata = (JsonObject)metadata.DeepClone(),
            Satoshis = satoshis,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(minutes),
            MonitoringUntil = now.AddMinutes(minutes + monitoring),
            Address = FakeIds.SegwitAddress("bcrt"),
            Bolt11 = FakeIds.Bolt11(satoshis),
            RedirectUrl = checkout?["redirectURL"]?.GetValue<string>() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var redirect)
                && redirect.Scheme is "http" or "https" ? redirect.ToString() : null,
        };
        lock (_lock)
        {
            _invoices[invoice.Id] = invoice;
        }

        _context.Webhooks.EmitInBackground(Id, [Webhook(invoice, "InvoiceCreated", _ => { })]);
        return Results.Json(InvoiceJson(invoice));
    }

    private IResult Refund(FakeInvoice invoice, JsonObject body)
    {
        var variant = body["refundVariant"]?.GetValue<string>();
        long satoshis;
        if (variant == "Custom")
        {
            if (body["customCurrency"]?.GetValue<string>() != "BTC" || !TryParseBtc(body["customAmount"]?.GetValue<string>(), out satoshis) || satoshis <= 0)
            {
                return Results.Json(new JsonArray(new JsonObject { ["path"] = "customAmount", ["message"] = "A positive BTC amount is required" }), statusCode: 422);
            }
        }
        else if (variant is "RateThen" or "CurrentRate")
        {
            satoshis = invoice.Paid;
        }
        else if (variant == "OverpaidAmount")
        {
            satoshis = invoice.Paid - invoice.Satoshis;
        }
        else
        {
            return Results.Json(new JsonArray(new JsonObject { ["path"] = "refundVariant", ["message"] = "Please select an option" }), statusCode: 422);
        }

        if (satoshis <= 0 || invoice.Paid == 0)
        {
            return Results.Json(new JsonArray(new JsonObject { ["path"] = "refundVariant", ["message"] = "Nothing to refund" }), statusCode: 422);
        }

        var pull = new FakePullPayment
        {
            Id = FakeIds.Base58Id(),
            InvoiceId = invoice.Id,
            Name = body["name"]?.GetValue<string>() ?? "Refund " + invoice.Id,
            Description = body["description"]?.GetValue<string>() ?? "",
            Satoshis = satoshis,
        };
        lock (_lock)
        {
            _pulls[pull.Id] = pull;
            invoice.Pulls.Add(pull.Id);
        }

        return Results.Json(PullJson(pull));
    }

    private List<FakeWebhookEvent> Receive(FakeInvoice invoice, long satoshis, bool lightning, DateTimeOffset at, bool late)
    {
        var payment = new FakePayment(FakeIds.TransactionId() + (lightning ? "" : "-0"), satoshis, lightning ? "BTC-LN" : "BTC-CHAIN", at);
        invoice.Payments.Add(payment);
        var events = new List<FakeWebhookEvent>
        {
            Webhook(invoice, "InvoiceReceivedPayment", body => PaymentMembers(body, invoice, payment, late)),
            Webhook(invoice, "InvoicePaymentSettled", body => PaymentMembers(body, invoice, payment, late)),
        };
        if (invoice.Paid >= invoice.Satoshis)
        {
            var over = invoice.Paid > invoice.Satoshis;
            invoice.Status = "Settled";
            invoice.AdditionalStatus = late ? "PaidLate" : over ? "PaidOver" : "None";
            events.Add(Webhook(invoice, "InvoiceSettled", body =>
            {
                body["manuallyMarked"] = false;
                body["overPaid"] = over;
            }));
        }
        else
        {
            invoice.AdditionalStatus = "PaidPartial";
        }

        return events;
    }

    private List<FakeWebhookEvent> Expire(FakeInvoice invoice)
    {
        invoice.Status = "Expired";
        var partial = invoice.Paid > 0;
        invoice.AdditionalStatus = partial ? "PaidPartial" : "None";
        return [Webhook(invoice, "InvoiceExpired", body => body["partiallyPaid"] = partial)];
    }

    private List<FakeWebhookEvent> CompletePayouts(FakeInvoice invoice, DateTimeOffset now)
    {
        var events = new List<FakeWebhookEvent>();
        foreach (var pull in invoice.Pulls.Select(id => _pulls[id]).Where(p => p.Payouts.Count == 0))
        {
            var payout = new FakePayout(FakeIds.Base58Id(), pull.Satoshis, now);
            pull.Payouts.Add(payout);
            events.Add(PayoutWebhook(pull, payout));
        }

        return events;
    }

    private static void PaymentMembers(JsonObject body, FakeInvoice invoice, FakePayment payment, bool late)
    {
        body["afterExpiration"] = late;
        body["paymentMethodId"] = payment.Method;
        body["payment"] = PaymentJson(invoice, payment);
    }

    private FakeWebhookEvent Webhook(FakeInvoice invoice, string type, Action<JsonObject> members) =>
        Signed(type, (body, at, deliveryId, original, redelivery) =>
        {
            members(body);
            Envelope(body, deliveryId, original, redelivery, type, at);
            body["storeId"] = StoreId;
            body["invoiceId"] = invoice.Id;
            body["metadata"] = invoice.Metadata.DeepClone();
        });

    private FakeWebhookEvent PayoutWebhook(FakePullPayment pull, FakePayout payout) =>
        Signed("PayoutUpdated", (body, at, deliveryId, original, redelivery) =>
        {
            Envelope(body, deliveryId, original, redelivery, "PayoutUpdated", at);
            body["storeId"] = StoreId;
            body["payoutId"] = payout.Id;
            body["pullPaymentId"] = pull.Id;
            body["payoutState"] = "Completed";
        });

    private void Envelope(JsonObject body, string deliveryId, string original, bool redelivery, string type, DateTimeOffset at)
    {
        body["deliveryId"] = deliveryId;
        body["webhookId"] = _webhookId;
        body["originalDeliveryId"] = original;
        body["isRedelivery"] = redelivery;
        body["type"] = type;
        body["timestamp"] = at.ToUnixTimeSeconds();
    }

    private FakeWebhookEvent Signed(string type, Action<JsonObject, DateTimeOffset, string, string, bool> build)
    {
        var original = FakeIds.Base58Id();
        var sends = 0;
        return new FakeWebhookEvent(original, type, at =>
        {
            var redelivery = Interlocked.Increment(ref sends) > 1;
            var body = new JsonObject();
            build(body, at, redelivery ? FakeIds.Base58Id() : original, original, redelivery);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Indented);
            var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_context.Secrets["BTCPAY_WEBHOOK_SECRET"]), bytes));
            return new SignedWebhook(bytes, [new("BTCPay-Sig", signature)]);
        });
    }

    private JsonObject InvoiceJson(FakeInvoice invoice) => new()
    {
        ["metadata"] = invoice.Metadata.DeepClone(),
        ["checkout"] = new JsonObject { ["expirationMinutes"] = (invoice.ExpiresAt - invoice.CreatedAt).TotalMinutes },
        ["id"] = invoice.Id,
        ["storeId"] = StoreId,
        ["amount"] = Btc(invoice.Satoshis),
        ["paidAmount"] = Btc(invoice.Paid),
        ["currency"] = "BTC",
        ["type"] = "Standard",
        ["checkoutLink"] = new Uri(_apiBase, "i/" + invoice.Id).ToString(),
        ["createdTime"] = invoice.CreatedAt.ToUnixTimeSeconds(),
        ["expirationTime"] = invoice.ExpiresAt.ToUnixTimeSeconds(),
        ["monitoringExpiration"] = invoice.MonitoringUntil.ToUnixTimeSeconds(),
        ["status"] = invoice.Status,
        ["additionalStatus"] = invoice.AdditionalStatus,
        ["availableStatusesForManualMarking"] = new JsonArray(),
        ["archived"] = false,
    };

    private static JsonArray PaymentMethodsJson(FakeInvoice invoice)
    {
        var due = invoice.Satoshis - invoice.Paid;
        JsonObject Method(string id, string destination, string link) => new()
        {
            ["paymentMethodId"] = id,
            ["currency"] = "BTC",
            ["destination"] = destination,
            ["paymentLink"] = link,
            ["rate"] = "1",
            ["paymentMethodPaid"] = Btc(invoice.Payments.Where(p => p.Method == id).Sum(p => p.Satoshis)),
            ["totalPaid"] = Btc(invoice.Paid),
            ["due"] = Btc(due),
            ["amount"] = Btc(invoice.Satoshis),
            ["paymentMethodFee"] = "0.00000000",
            ["payments"] = new JsonArray([.. invoice.Payments.Where(p => p.Method == id).Select(p => (JsonNode)PaymentJson(invoice, p))]),
            ["activated"] = true,
            ["additionalData"] = new JsonObject(),
        };

        return
        [
            Method("BTC-CHAIN", invoice.Address, $"bitcoin:{invoice.Address}?amount={BtcShortest(Math.Max(due, 0))}"),
            Method("BTC-LN", invoice.Bolt11, "lightning:" + invoice.Bolt11),
        ];
    }

    private static JsonObject PaymentJson(FakeInvoice invoice, FakePayment payment) => new()
    {
        ["id"] = payment.Id,
        ["receivedDate"] = payment.At.ToUnixTimeSeconds(),
        ["value"] = Btc(payment.Satoshis),
        ["fee"] = "0.00000000",
        ["status"] = "Settled",
        ["destination"] = payment.Method == "BTC-LN" ? invoice.Bolt11 : invoice.Address,
    };

    private JsonObject PullJson(FakePullPayment pull) => new()
    {
        ["id"] = pull.Id,
        ["name"] = pull.Name,
        ["description"] = pull.Description,
        ["currency"] = "BTC",
        ["amount"] = Btc(pull.Satoshis),
        ["BOLT11Expiration"] = "30",
        ["autoApproveClaims"] = false,
        ["archived"] = false,
        ["viewLink"] = new Uri(_apiBase, "pull-payments/" + pull.Id).ToString(),
    };

    private static JsonObject PayoutJson(FakePullPayment pull, FakePayout payout) => new()
    {
        ["id"] = payout.Id,
        ["revision"] = 0,
        ["pullPaymentId"] = pull.Id,
        ["date"] = payout.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["destination"] = FakeIds.SegwitAddress("bcrt"),
        ["originalCurrency"] = "BTC",
        ["originalAmount"] = Btc(payout.Satoshis),
        ["payoutCurrency"] = "BTC",
        ["payoutAmount"] = Btc(payout.Satoshis),
        ["payoutMethodId"] = "BTC-CHAIN",
        ["state"] = "Completed",
        ["paymentProof"] = new JsonObject { ["proofType"] = "PayoutTransactionOnChainBlob", ["transactionId"] = FakeIds.TransactionId() },
    };

    private static IResult CheckoutPage(FakeInvoice invoice)
    {
        static string H(string text) => WebUtility.HtmlEncode(text);
        var due = invoice.Satoshis - invoice.Paid;
        var pay = invoice.Status == "New" && due > 0
            ? $"""<form method="post" action="{H(invoice.Id)}/pay"><button>Pay with the fake Lightning wallet</button></form>"""
            : $"<p><strong>Invoice {H(invoice.Status.ToLowerInvariant())}.</strong></p>" + (invoice.RedirectUrl is { } back ? $"""<p><a href="{H(back)}">Return to the store</a></p>""" : "");
        var page = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Fake BTCPay checkout</title><link rel="icon" href="data:,"></head>
            <body style="font-family: sans-serif; max-width: 34em; margin: 3em auto; overflow-wrap: anywhere">
            <h1>Fake BTCPay checkout</h1>
            <p>Local development only: no bitcoin moves. Invoice <code>{{H(invoice.Id)}}</code> ({{H(invoice.Status)}}).</p>
            <p>Pay <strong>{{H(Btc(due))}} BTC</strong> ({{due.ToString(CultureInfo.InvariantCulture)}} sats).</p>
            <p>Lightning: <code>{{H(invoice.Bolt11)}}</code></p>
            <p>On-chain: <code>{{H(invoice.Address)}}</code></p>
            {{pay}}
            </body></html>
            """;
        return Results.Content(page, "text/html", Encoding.UTF8);
    }

    private IResult WithInvoice(string invoiceId, Func<FakeInvoice, IResult> then)
    {
        lock (_lock)
        {
            return _invoices.TryGetValue(invoiceId, out var invoice) ? then(invoice) : NotFound("invoice-not-found", "The invoice was not found");
        }
    }

    private static IResult NotFound(string code, string message) => Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: 404);

    private static FakeActionResult.Done Done(List<FakeWebhookEvent> events) => new(events);

    internal static string Btc(long satoshis) =>
        (satoshis / 100_000_000m).ToString("0.00000000", CultureInfo.InvariantCulture);

    private static string BtcShortest(long satoshis) =>
        (satoshis / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture);

    internal static bool TryParseBtc(string? text, out long satoshis)
    {
        satoshis = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var btc) || decimal.Round(btc, 8) != btc)
        {
            return false;
        }

        satoshis = (long)(btc * 100_000_000m);
        return true;
    }

    private sealed class FakeInvoice
    {
        public required string Id { get; init; }

        public required string? OrderId { get; init; }

        public required JsonObject Metadata { get; init; }

        public required long Satoshis { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public required DateTimeOffset ExpiresAt { get; init; }

        public required DateTimeOffset MonitoringUntil { get; init; }

        public required string Address { get; init; }

        public required string Bolt11 { get; init; }

        public required string? RedirectUrl { get; init; }

        public string Status { get; set; } = "New";

        public string AdditionalStatus { get; set; } = "None";

        public List<FakePayment> Payments { get; } = [];

        public List<string> Pulls { get; } = [];

        public long Paid => Payments.Sum(p => p.Satoshis);
    }

    private sealed record FakePayment(string Id, long Satoshis, string Method, DateTimeOffset At);

    private sealed class FakePullPayment
    {
        public required string Id { get; init; }

        public required string InvoiceId { get; init; }

        public required string Name { get; init; }

        public required string Description { get; init; }

        public required long Satoshis { get; init; }

        public List<FakePayout> Payouts { get; } = [];
    }

    private sealed record FakePayout(string Id, long Satoshis, DateTimeOffset At);
}
