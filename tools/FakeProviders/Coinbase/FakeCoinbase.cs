using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Coinbase;

/// <summary>
/// A fake Coinbase Commerce (charges API, X-CC-Version 2018-03-22): fixed-price charges in the
/// order's currency that settle in USDC, their hosted page, their timeline. Webhooks are built as
/// Coinbase builds them (<c>{"attempt_number","event":{"api_version","created_at","data":charge,"id",
/// "resource","type"},"id","scheduled_for"}</c>) and signed as it signs them:
/// <c>X-CC-Webhook-Signature</c>, the hex HMAC-SHA256 of the body with the shared secret. A webhook
/// sent again is Coinbase's retry: the same event, <c>attempt_number</c> one higher. Since 2024 the
/// onchain protocol moves the exact amount, so there is no under- or overpayment to fake;
/// <c>pay-late</c> is a 2018 charge's <c>charge:delayed</c> (paid after it expired).
/// </summary>
public sealed class FakeCoinbase : IFakeProvider
{
    public const string ProviderId = "coinbase";

    private readonly FakeContext _context;
    private readonly Dictionary<string, FakeCharge> _charges = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private Uri _apiBase = new("http://127.0.0.1/coinbase/");

    public FakeCoinbase(FakeContext context) => _context = context;

    public string Id => ProviderId;

    public IReadOnlyCollection<string> Actions { get; } = [FakeActions.Pay, FakeActions.PayLate, FakeActions.Fail, FakeActions.Expire];

    public IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase)
    {
        _apiBase = apiBase;
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["COINBASE_API_BASE"] = apiBase.ToString() };
    }

    public void MapApi(IEndpointRouteBuilder api)
    {
        var charges = api.MapGroup("/charges").AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (request.Headers["X-CC-Api-Key"].ToString() != _context.Secrets["COINBASE_API_KEY"])
            {
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "authorization_error", ["message"] = "No such API key." } }, statusCode: 401);
            }

            return string.IsNullOrEmpty(request.Headers["X-CC-Version"].ToString())
                ? Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request", ["message"] = "X-CC-Version is required." } }, statusCode: 400)
                : await next(context);
        });
        charges.MapPost("/", (JsonObject body) => Create(body));
        charges.MapGet("/{idOrCode}", (string idOrCode) =>
        {
            lock (_lock)
            {
                var charge = _charges.Values.FirstOrDefault(c => c.Id == idOrCode || c.Code == idOrCode);
                return charge is null
                    ? Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "not_found", ["message"] = "Not found" } }, statusCode: 404)
                    : Results.Json(new JsonObject { ["data"] = ChargeJson(charge) });
            }
        });
        api.MapGet("/pay/{id}", (string id) =>
        {
            lock (_lock)
            {
                return _charges.TryGetValue(id, out var charge)
                    ? Results.Text($"Coinbase Commerce (fake)\ncharge {charge.Code}\n{charge.Amount} {charge.Currency}\nstatus {charge.Timeline[^1].Status}\n", "text/plain")
                    : Results.NotFound();
            }
        });
    }

    public FakeActionResult Act(string reference, FakeAction action)
    {
        lock (_lock)
        {
            var charge = _charges.Values.FirstOrDefault(c => c.Id == reference || c.Code == reference);
            if (charge is null)
            {
                return new FakeActionResult.NotFound();
            }

            var now = _context.Clock.GetUtcNow();
            var status = charge.Timeline[^1].Status;
            switch (action.Name)
            {
                case FakeActions.Pay when status == "NEW":
                    charge.Timeline.Add(new("SIGNED", now, null));
                    charge.Timeline.Add(new("PENDING", now, null));
                    charge.Payments.Add(new(FakeIds.TransactionId(), now, "pending"));
                    var pending = Webhook(charge, "charge:pending");
                    charge.Timeline.Add(new("COMPLETED", now.AddSeconds(30), null));
                    charge.Payments[^1] = charge.Payments[^1] with { Status = "confirmed" };
                    return new FakeActionResult.Done([pending, Webhook(charge, "charge:confirmed")]);
                case FakeActions.PayLate when status is "NEW" or "EXPIRED":
                    var expired = status == "NEW" ? Expire(charge) : [];
                    var at = now > charge.ExpiresAt ? now : charge.ExpiresAt.AddMinutes(1);
                    charge.Payments.Add(new(FakeIds.TransactionId(), at, "confirmed"));
                    charge.Timeline.Add(new("UNRESOLVED", at, "DELAYED"));
                    return new FakeActionResult.Done([.. expired, Webhook(charge, "charge:delayed")]);
                case FakeActions.Fail or FakeActions.Expire when status is "NEW":
                    return new FakeActionResult.Done(Expire(charge));
                case FakeActions.Underpay or FakeActions.Overpay:
                    return new FakeActionResult.Refused("Coinbase Commerce's onchain protocol transfers the exact amount: no under- or overpayment.");
                default:
                    return new FakeActionResult.Refused($"Charge {charge.Code} is {status}: '{action.Name}' does not apply.");
            }
        }
    }

    public JsonNode Describe()
    {
        lock (_lock)
        {
            return new JsonObject { ["charges"] = new JsonArray([.. _charges.Values.Select(c => (JsonNode)ChargeJson(c))]) };
        }
    }

    private IResult Create(JsonObject body)
    {
        var price = body["local_price"] as JsonObject;
        var amount = price?["amount"]?.GetValue<string>();
        var currency = price?["currency"]?.GetValue<string>();
        if (body["pricing_type"]?.GetValue<string>() != "fixed_price" || currency is null
            || !decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request", ["message"] = "local_price and pricing_type fixed_price are required" } }, statusCode: 400);
        }

        var now = _context.Clock.GetUtcNow();
        var charge = new FakeCharge
        {
            Id = FakeIds.Uuid(),
            Code = FakeIds.New("", 8).ToUpperInvariant(),
            Name = body["name"]?.GetValue<string>() ?? "",
            Amount = amount!,
            Currency = currency,
            Metadata = (body["metadata"] as JsonObject)?.DeepClone() as JsonObject ?? [],
            CreatedAt = now,
            ExpiresAt = now.AddHours(1),
        };
        charge.Timeline.Add(new("NEW", now, null));
        lock (_lock)
        {
            _charges[charge.Id] = charge;
        }

        _context.Webhooks.EmitInBackground(Id, [Webhook(charge, "charge:created")]);
        return Results.Json(new JsonObject { ["data"] = ChargeJson(charge) }, statusCode: 201);
    }

    private List<FakeWebhookEvent> Expire(FakeCharge charge)
    {
        charge.Timeline.Add(new("EXPIRED", charge.ExpiresAt < _context.Clock.GetUtcNow() ? charge.ExpiresAt : _context.Clock.GetUtcNow(), null));
        return [Webhook(charge, "charge:failed")];
    }

    private FakeWebhookEvent Webhook(FakeCharge charge, string type)
    {
        var eventId = FakeIds.Uuid();
        var deliveryId = FakeIds.Uuid();
        var data = ChargeJson(charge); // the charge as it was when the event happened
        var created = charge.Timeline[^1].Time;
        var attempts = 0;
        return new FakeWebhookEvent(eventId, type, at =>
        {
            var body = new JsonObject
            {
                ["attempt_number"] = Interlocked.Increment(ref attempts),
                ["event"] = new JsonObject
                {
                    ["api_version"] = "2018-03-22",
                    ["created_at"] = Time(created),
                    ["data"] = data.DeepClone(),
                    ["id"] = eventId,
                    ["resource"] = "event",
                    ["type"] = type,
                },
                ["id"] = deliveryId,
                ["scheduled_for"] = Time(at),
            };
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_context.Secrets["COINBASE_WEBHOOK_SECRET"]), bytes));
            return new SignedWebhook(bytes, [new("X-CC-Webhook-Signature", signature)]);
        });
    }

    private JsonObject ChargeJson(FakeCharge charge) => new()
    {
        ["id"] = charge.Id,
        ["code"] = charge.Code,
        ["name"] = charge.Name,
        ["pricing_type"] = "fixed_price",
        ["pricing"] = new JsonObject
        {
            ["local"] = new JsonObject { ["amount"] = charge.Amount, ["currency"] = charge.Currency },
            ["settlement"] = new JsonObject { ["amount"] = charge.Amount, ["currency"] = "USDC" },
        },
        ["metadata"] = charge.Metadata.DeepClone(),
        ["timeline"] = new JsonArray([.. charge.Timeline.Select(t => (JsonNode)Timeline(t))]),
        ["payments"] = new JsonArray([.. charge.Payments.Select(p => (JsonNode)new JsonObject
        {
            ["payment_id"] = p.Hash,
            ["network"] = "base",
            ["transaction_id"] = p.Hash,
            ["status"] = p.Status,
            ["detected_at"] = Time(p.DetectedAt),
            ["value"] = new JsonObject
            {
                ["local"] = new JsonObject { ["amount"] = charge.Amount, ["currency"] = charge.Currency },
                ["crypto"] = new JsonObject { ["amount"] = charge.Amount, ["currency"] = "USDC" },
            },
            ["payer_addresses"] = new JsonArray("0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))),
        })]),
        ["redirects"] = new JsonObject { ["cancel_url"] = "", ["success_url"] = "", ["will_redirect_after_success"] = false },
        ["web3_data"] = new JsonObject { ["failure_events"] = new JsonArray(), ["success_events"] = new JsonArray() },
        ["hosted_url"] = new Uri(_apiBase, "pay/" + charge.Id).ToString(),
        ["created_at"] = Time(charge.CreatedAt),
        ["expires_at"] = Time(charge.ExpiresAt),
        ["charge_kind"] = "WEB3",
        ["support_email"] = "support@example.test",
        ["organization_name"] = "Bitcoin Events (fake)",
    };

    private static JsonObject Timeline(FakeTimelineEntry entry)
    {
        var json = new JsonObject { ["time"] = Time(entry.Time), ["status"] = entry.Status };
        if (entry.Context is not null)
        {
            json["context"] = entry.Context;
        }

        return json;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class FakeCharge
    {
        public required string Id { get; init; }

        public required string Code { get; init; }

        public required string Name { get; init; }

        public required string Amount { get; init; }

        public required string Currency { get; init; }

        public required JsonObject Metadata { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public required DateTimeOffset ExpiresAt { get; init; }

        public List<FakeTimelineEntry> Timeline { get; } = [];

        public List<FakePayment> Payments { get; } = [];
    }

    private sealed record FakeTimelineEntry(string Status, DateTimeOffset Time, string? Context);

    private sealed record FakePayment(string Hash, DateTimeOffset DetectedAt, string Status);
}
