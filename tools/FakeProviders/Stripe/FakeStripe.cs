using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Stripe;

/// <summary>
/// A fake Stripe: the API calls the Payments area makes (Checkout Sessions, PaymentIntents, Charges,
/// Refunds; form-encoded, bearer secret key, Idempotency-Key replays), a hosted "checkout page" to pay
/// from a browser, and events in Stripe's envelope, rendered in the endpoint's API version
/// (<see cref="ApiVersion"/>: before 2022-11-15 a PaymentIntent lists its <c>charges</c>, from then on
/// it names its <c>latest_charge</c>), signed with the dev webhook secret as Stripe signs them.
/// </summary>
public sealed class FakeStripe(FakeContext context) : IFakeProvider
{
    public const string ProviderId = "stripe";

    /// <summary>The first API version whose PaymentIntent has latest_charge instead of charges.</summary>
    public const string LatestChargeVersion = "2022-11-15";

    private readonly object _gate = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Intent> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Charge> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Reply> _idempotent = new(StringComparer.Ordinal);

    public string Id => ProviderId;

    /// <summary>The API version events are rendered in (the webhook endpoint's version at Stripe).</summary>
    public string ApiVersion { get; set; } = "2024-06-20";

    public IReadOnlyCollection<string> Actions { get; } = [FakeActions.Pay, FakeActions.Fail, FakeActions.Expire, FakeActions.Refund];

    private string SecretKey => context.Secrets["STRIPE_SECRET_KEY"];

    private string WebhookSecret => context.Secrets["STRIPE_WEBHOOK_SECRET"];

    private Uri? _base;

    public IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase)
    {
        _base = apiBase;
        return new Dictionary<string, string> { ["STRIPE_API_BASE"] = apiBase.ToString() };
    }

    public void MapApi(IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/checkout/sessions", (HttpRequest request) => Authorized(request, async () =>
        {
            var form = await request.ReadFormAsync();
            return Idempotent(request, "sessions", () => CreateSession(form));
        }));
        api.MapGet("/v1/checkout/sessions/{id}", (HttpRequest request, string id) => Authorized(request, () =>
            Task.FromResult((Find(_sessions, id, "checkout.session") ?? Ok(RenderSession(_sessions[id], expandIntent: request.Query["expand[]"].Any(e => e!.StartsWith("payment_intent", StringComparison.Ordinal))))).ToResult())));
        api.MapPost("/v1/checkout/sessions/{id}/expire", (HttpRequest request, string id) => Authorized(request, () => Task.FromResult(ExpireSession(id).ToResult())));
        api.MapPost("/v1/payment_intents", (HttpRequest request) => Authorized(request, async () =>
        {
            var form = await request.ReadFormAsync();
            return Idempotent(request, "intents", () => CreateIntent(form));
        }));
        api.MapGet("/v1/payment_intents/{id}", (HttpRequest request, string id) => Authorized(request, () =>
            Task.FromResult((Find(_intents, id, "payment_intent") ?? Ok(RenderIntent(_intents[id], ApiVersionOf(request), expandCharge: true))).ToResult())));
        api.MapPost("/v1/payment_intents/{id}/cancel", (HttpRequest request, string id) => Authorized(request, () => Task.FromResult(CancelIntent(id).ToResult())));
        api.MapGet("/v1/charges/{id}", (HttpRequest request, string id) => Authorized(request, () =>
            Task.FromResult((Find(_charges, id, "charge") ?? Ok(RenderCharge(_charges[id]))).ToResult())));
        api.MapPost("/v1/refunds", (HttpRequest request) => Authorized(request, async () =>
        {
            var form = await request.ReadFormAsync();
            return Idempotent(request, "refunds", () => CreateRefund(form));
        }));

        // The hosted page a Checkout URL leads to: pay or fail from a browser, as a buyer would.
        api.MapGet("/pay/{id}", (string id) => PayPage(id));
        api.MapPost("/pay/{id}/{action}", async (string id, string action, CancellationToken ct) =>
        {
            if (action is not (FakeActions.Pay or FakeActions.Fail) || Act(id, new FakeAction(action)) is not FakeActionResult.Done done)
            {
                return Results.NotFound();
            }

            await context.Webhooks.EmitAsync(ProviderId, done.Webhooks, ct: ct);
            Session? session;
            lock (_gate)
            {
                session = _sessions.GetValueOrDefault(id);
            }

            return session is null ? Results.Ok() : Results.Redirect(action == FakeActions.Pay ? session.SuccessUrl : session.CancelUrl);
        });
    }

    public FakeActionResult Act(string reference, FakeAction action)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            if (_sessions.TryGetValue(reference, out var session))
            {
                return action.Name switch
                {
                    FakeActions.Pay => PaySession(session, now),
                    FakeActions.Fail => Fail(IntentOf(session, now), now),
                    FakeActions.Expire => session.Status == "open" ? ExpireSessionNow(session, now) : new FakeActionResult.Refused($"The session is {session.Status}."),
                    FakeActions.Refund => session.IntentId is { } intentId ? RefundPayment(_intents[intentId], action.Amount, now, null) : new FakeActionResult.Refused("Nothing was paid."),
                    _ => new FakeActionResult.Refused($"Unknown action {action.Name}."),
                };
            }

            if (_intents.TryGetValue(reference, out var intent))
            {
                return action.Name switch
                {
                    FakeActions.Pay => PayIntent(intent, now, []),
                    FakeActions.Fail => Fail(intent, now),
                    FakeActions.Expire => intent.Status == "succeeded" ? new FakeActionResult.Refused("The PaymentIntent succeeded.") : Cancel(intent, now),
                    FakeActions.Refund => RefundPayment(intent, action.Amount, now, null),
                    _ => new FakeActionResult.Refused($"Unknown action {action.Name}."),
                };
            }

            return new FakeActionResult.NotFound();
        }
    }

    public JsonNode Describe()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["apiVersion"] = ApiVersion,
                ["checkoutSessions"] = new JsonArray([.. _sessions.Values.Select(s => (JsonNode)RenderSession(s, expandIntent: false))]),
                ["paymentIntents"] = new JsonArray([.. _intents.Values.Select(i => (JsonNode)RenderIntent(i, ApiVersion, expandCharge: true))]),
            };
        }
    }

    // ------------------------------------------------------------------ API

    private Reply CreateSession(IFormCollection form)
    {
        if (!long.TryParse(form["line_items[0][price_data][unit_amount]"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || form["line_items[0][price_data][currency]"].ToString() is not { Length: 3 } currency
            || form["success_url"].ToString() is not { Length: > 0 } successUrl
            || form["mode"] != "payment")
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_missing");
        }

        var now = context.Clock.GetUtcNow();
        var quantity = long.TryParse(form["line_items[0][quantity]"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : 1;
        var expiresAt = long.TryParse(form["expires_at"], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : now.AddHours(24).ToUnixTimeSeconds();
        if (expiresAt < now.AddMinutes(30).ToUnixTimeSeconds() - 5 || expiresAt > now.AddHours(24).ToUnixTimeSeconds())
        {
            // Stripe: a Checkout Session expires between 30 minutes and 24 hours after it is created.
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid_integer");
        }

        var session = new Session
        {
            Id = FakeIds.New("cs_test_", 58),
            Amount = amount * quantity,
            Currency = currency,
            SuccessUrl = successUrl,
            CancelUrl = form["cancel_url"].ToString() is { Length: > 0 } cancel ? cancel : successUrl,
            ClientReferenceId = form["client_reference_id"],
            Metadata = Metadata(form, "metadata"),
            IntentMetadata = Metadata(form, "payment_intent_data[metadata]"),
            Created = now.ToUnixTimeSeconds(),
            ExpiresAt = expiresAt,
        };
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }

        return Ok(RenderSession(session, expandIntent: false));
    }

    private Reply ExpireSession(string id)
    {
        FakeActionResult.Done result;
        Session? session;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out session))
            {
                return Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing");
            }

            if (session.Status != "open")
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "checkout_session_not_open");
            }

            result = ExpireSessionNow(session, context.Clock.GetUtcNow());
        }

        context.Webhooks.EmitInBackground(ProviderId, result.Webhooks);
        lock (_gate)
        {
            return Ok(RenderSession(session, expandIntent: false));
        }
    }

    private Reply CreateIntent(IFormCollection form)
    {
        if (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || form["currency"].ToString() is not { Length: 3 } currency)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_missing");
        }

        var intent = NewIntent(amount, currency, Metadata(form, "metadata"), context.Clock.GetUtcNow());
        lock (_gate)
        {
            return Ok(RenderIntent(intent, ApiVersion, expandCharge: false));
        }
    }

    private Reply CancelIntent(string id)
    {
        FakeActionResult.Done result;
        Intent? intent;
        lock (_gate)
        {
            if (!_intents.TryGetValue(id, out intent))
            {
                return Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing");
            }

            if (intent.Status is "succeeded" or "canceled")
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state");
            }

            result = Cancel(intent, context.Clock.GetUtcNow());
        }

        context.Webhooks.EmitInBackground(ProviderId, result.Webhooks);
        lock (_gate)
        {
            return Ok(RenderIntent(intent, ApiVersion, expandCharge: false));
        }
    }

    private Reply CreateRefund(IFormCollection form)
    {
        FakeActionResult result;
        lock (_gate)
        {
            if (!_intents.TryGetValue(form["payment_intent"].ToString(), out var intent))
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing");
            }

            long? amount = long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
            result = RefundPayment(intent, amount, context.Clock.GetUtcNow(), Metadata(form, "metadata"));
            if (result is FakeActionResult.Refused refused)
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", refused.Reason);
            }
        }

        var done = (FakeActionResult.Done)result;
        context.Webhooks.EmitInBackground(ProviderId, done.Webhooks);
        lock (_gate)
        {
            return Ok(RenderRefund(_lastRefund!));
        }
    }

    // ------------------------------------------------------------------ state changes (under _gate)

    private FakeActionResult PaySession(Session session, DateTimeOffset now)
    {
        if (session.Status != "open")
        {
            return new FakeActionResult.Refused($"The session is {session.Status}.");
        }

        var intent = IntentOf(session, now);
        session.Status = "complete";
        session.PaymentStatus = "paid";
        var paid = PayIntent(intent, now, []);
        if (paid is not FakeActionResult.Done done)
        {
            return paid;
        }

        return new FakeActionResult.Done([.. done.Webhooks, Event("checkout.session.completed", RenderSession(session, expandIntent: false), now)]);
    }

    private FakeActionResult PayIntent(Intent intent, DateTimeOffset now, IReadOnlyList<FakeWebhookEvent> before)
    {
        if (intent.Status is "succeeded" or "canceled")
        {
            return new FakeActionResult.Refused($"The PaymentIntent is {intent.Status}.");
        }

        var charge = new Charge
        {
            Id = FakeIds.New("ch_"),
            IntentId = intent.Id,
            Amount = intent.Amount,
            Currency = intent.Currency,
            Metadata = intent.Metadata,
            Created = now.ToUnixTimeSeconds(),
        };
        _charges[charge.Id] = charge;
        intent.ChargeIds.Add(charge.Id);
        intent.Status = "succeeded";
        intent.AmountReceived = intent.Amount;
        intent.LastPaymentError = null;
        return new FakeActionResult.Done(
        [
            .. before,
            Event("charge.succeeded", RenderCharge(charge), now),
            Event("payment_intent.succeeded", RenderIntent(intent, ApiVersion, expandCharge: false), now),
        ]);
    }

    private FakeActionResult Fail(Intent intent, DateTimeOffset now)
    {
        if (intent.Status is "succeeded" or "canceled")
        {
            return new FakeActionResult.Refused($"The PaymentIntent is {intent.Status}.");
        }

        intent.Status = "requires_payment_method";
        intent.LastPaymentError = new JsonObject
        {
            ["code"] = "card_declined",
            ["decline_code"] = "insufficient_funds",
            ["doc_url"] = "https://stripe.com/docs/error-codes/card-declined",
            ["message"] = "Your card has insufficient funds.",
            ["type"] = "card_error",
        };
        return new FakeActionResult.Done([Event("payment_intent.payment_failed", RenderIntent(intent, ApiVersion, expandCharge: false), now)]);
    }

    private FakeActionResult.Done Cancel(Intent intent, DateTimeOffset now)
    {
        intent.Status = "canceled";
        return new FakeActionResult.Done([Event("payment_intent.canceled", RenderIntent(intent, ApiVersion, expandCharge: false), now)]);
    }

    private FakeActionResult.Done ExpireSessionNow(Session session, DateTimeOffset now)
    {
        session.Status = "expired";
        var events = new List<FakeWebhookEvent> { Event("checkout.session.expired", RenderSession(session, expandIntent: false), now) };
        if (session.IntentId is { } intentId && _intents[intentId].Status is not ("succeeded" or "canceled"))
        {
            events.Add(Cancel(_intents[intentId], now).Webhooks[0]);
        }

        return new FakeActionResult.Done(events);
    }

    private Refund? _lastRefund;

    private FakeActionResult RefundPayment(Intent intent, long? amount, DateTimeOffset now, JsonObject? metadata)
    {
        if (intent.ChargeIds.Count == 0)
        {
            return new FakeActionResult.Refused("charge_not_found");
        }

        var charge = _charges[intent.ChargeIds[^1]];
        var left = charge.Amount - charge.Refunds.Sum(r => r.Amount);
        var take = amount ?? left;
        if (take <= 0 || take > left)
        {
            return new FakeActionResult.Refused(left == 0 ? "charge_already_refunded" : "amount_too_large");
        }

        var refund = new Refund
        {
            Id = FakeIds.New("re_"),
            ChargeId = charge.Id,
            IntentId = intent.Id,
            Amount = take,
            Currency = charge.Currency,
            Metadata = metadata ?? [],
            Created = now.ToUnixTimeSeconds(),
        };
        charge.Refunds.Add(refund);
        _lastRefund = refund;
        return new FakeActionResult.Done(
        [
            Event("charge.refunded", RenderCharge(charge), now),
            Event("refund.created", RenderRefund(refund), now),
        ]);
    }

    private Intent IntentOf(Session session, DateTimeOffset now)
    {
        if (session.IntentId is { } id)
        {
            return _intents[id];
        }

        var intent = NewIntent(session.Amount, session.Currency, session.IntentMetadata, now);
        session.IntentId = intent.Id;
        return intent;
    }

    private Intent NewIntent(long amount, string currency, JsonObject metadata, DateTimeOffset now)
    {
        var id = FakeIds.New("pi_");
        var intent = new Intent
        {
            Id = id,
            Amount = amount,
            Currency = currency,
            Metadata = metadata,
            ClientSecret = id + "_secret_" + FakeIds.New("", 25),
            Created = now.ToUnixTimeSeconds(),
        };
        lock (_gate)
        {
            _intents[id] = intent;
        }

        return intent;
    }

    // ------------------------------------------------------------------ rendering (Stripe's shapes)

    private JsonObject RenderSession(Session session, bool expandIntent) => new()
    {
        ["id"] = session.Id,
        ["object"] = "checkout.session",
        ["amount_subtotal"] = session.Amount,
        ["amount_total"] = session.Amount,
        ["cancel_url"] = session.CancelUrl,
        ["client_reference_id"] = session.ClientReferenceId,
        ["created"] = session.Created,
        ["currency"] = session.Currency,
        ["customer"] = null,
        ["expires_at"] = session.ExpiresAt,
        ["livemode"] = false,
        ["metadata"] = session.Metadata.DeepClone(),
        ["mode"] = "payment",
        ["payment_intent"] = session.IntentId is null ? null : expandIntent ? RenderIntent(_intents[session.IntentId], StripeApiVersionForRequests, expandCharge: true) : session.IntentId,
        ["payment_method_types"] = new JsonArray("card"),
        ["payment_status"] = session.PaymentStatus,
        ["status"] = session.Status,
        ["success_url"] = session.SuccessUrl,
        ["url"] = session.Status == "open" && _base is not null ? new Uri(_base, "pay/" + session.Id).ToString() : null,
    };

    private const string StripeApiVersionForRequests = "2024-06-20";

    private JsonObject RenderIntent(Intent intent, string version, bool expandCharge)
    {
        var json = new JsonObject
        {
            ["id"] = intent.Id,
            ["object"] = "payment_intent",
            ["amount"] = intent.Amount,
            ["amount_capturable"] = 0,
            ["amount_received"] = intent.AmountReceived,
            ["automatic_payment_methods"] = new JsonObject { ["enabled"] = true },
            ["canceled_at"] = null,
            ["cancellation_reason"] = null,
            ["capture_method"] = "automatic",
            ["client_secret"] = intent.ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = intent.Created,
            ["currency"] = intent.Currency,
            ["customer"] = null,
            ["description"] = null,
            ["last_payment_error"] = intent.LastPaymentError?.DeepClone(),
            ["livemode"] = false,
            ["metadata"] = intent.Metadata.DeepClone(),
            ["next_action"] = null,
            ["payment_method"] = intent.Status == "succeeded" ? "pm_card_visa" : null,
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = intent.Status,
        };
        if (string.CompareOrdinal(version, LatestChargeVersion) < 0)
        {
            json["charges"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. intent.ChargeIds.Select(c => (JsonNode)RenderCharge(_charges[c], withRefunds: true))]),
                ["has_more"] = false,
                ["total_count"] = intent.ChargeIds.Count,
                ["url"] = "/v1/charges?payment_intent=" + intent.Id,
            };
        }
        else
        {
            json["latest_charge"] = intent.ChargeIds.Count == 0 ? null : expandCharge ? RenderCharge(_charges[intent.ChargeIds[^1]]) : intent.ChargeIds[^1];
        }

        return json;
    }

    private static JsonObject RenderCharge(Charge charge, bool withRefunds = false)
    {
        var refunded = charge.Refunds.Sum(r => r.Amount);
        var json = new JsonObject
        {
            ["id"] = charge.Id,
            ["object"] = "charge",
            ["amount"] = charge.Amount,
            ["amount_captured"] = charge.Amount,
            ["amount_refunded"] = refunded,
            ["balance_transaction"] = "txn_" + charge.Id[3..],
            ["captured"] = true,
            ["created"] = charge.Created,
            ["currency"] = charge.Currency,
            ["livemode"] = false,
            ["metadata"] = charge.Metadata.DeepClone(),
            ["paid"] = true,
            ["payment_intent"] = charge.IntentId,
            ["payment_method"] = "pm_card_visa",
            ["refunded"] = refunded == charge.Amount,
            ["status"] = "succeeded",
        };
        if (withRefunds)
        {
            json["refunds"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. charge.Refunds.Select(r => (JsonNode)RenderRefund(r))]),
                ["has_more"] = false,
                ["total_count"] = charge.Refunds.Count,
                ["url"] = $"/v1/charges/{charge.Id}/refunds",
            };
        }

        return json;
    }

    private static JsonObject RenderRefund(Refund refund) => new()
    {
        ["id"] = refund.Id,
        ["object"] = "refund",
        ["amount"] = refund.Amount,
        ["charge"] = refund.ChargeId,
        ["created"] = refund.Created,
        ["currency"] = refund.Currency,
        ["metadata"] = refund.Metadata.DeepClone(),
        ["payment_intent"] = refund.IntentId,
        ["reason"] = null,
        ["status"] = "succeeded",
    };

    /// <summary>An event as Stripe sends it, signed when (each time) it is sent.</summary>
    private FakeWebhookEvent Event(string type, JsonObject data, DateTimeOffset now)
    {
        var id = FakeIds.New("evt_");
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = now.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = data },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var secret = WebhookSecret;
        return new FakeWebhookEvent(id, type, at => new SignedWebhook(body, [KeyValuePair.Create("Stripe-Signature", FakeStripeSigner.Header(body, secret, at))]));
    }

    // ------------------------------------------------------------------ plumbing

    private async Task<IResult> Authorized(HttpRequest request, Func<Task<IResult>> next) =>
        request.Headers.Authorization.ToString() == "Bearer " + SecretKey
            ? await next()
            : Error(HttpStatusCode.Unauthorized, "invalid_request_error", "api_key_invalid").ToResult();

    /// <summary>Stripe replays the first answer to a request with the same Idempotency-Key.</summary>
    private IResult Idempotent(HttpRequest request, string scope, Func<Reply> create)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        var reply = key.Length == 0 ? create() : _idempotent.GetOrAdd(scope + "#" + key, _ => create());
        return reply.ToResult();
    }

    private Reply? Find<T>(Dictionary<string, T> objects, string id, string kind)
    {
        lock (_gate)
        {
            return objects.ContainsKey(id) ? null : Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", $"No such {kind}: '{id}'");
        }
    }

    private Reply Ok(JsonObject json)
    {
        lock (_gate)
        {
            return new Reply(200, json.ToJsonString());
        }
    }

    private static Reply Error(HttpStatusCode status, string type, string code, string? message = null) =>
        new((int)status, new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message ?? code } }.ToJsonString());

    /// <summary>An API answer: status and JSON body.</summary>
    private sealed record Reply(int Status, string Body)
    {
        public IResult ToResult() => Results.Content(Body, "application/json", Encoding.UTF8, Status);
    }

    private static JsonObject Metadata(IFormCollection form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.Count(c => c == '[') == prefix.Count(c => c == '[') + 1)
            {
                metadata[key[(prefix.Length + 1)..^1]] = value.ToString();
            }
        }

        return metadata;
    }

    private string ApiVersionOf(HttpRequest request) => request.Headers["Stripe-Version"].ToString() is { Length: > 0 } v ? v : ApiVersion;

    private IResult PayPage(string id)
    {
        Session? session;
        lock (_gate)
        {
            session = _sessions.GetValueOrDefault(id);
        }

        if (session is null)
        {
            return Results.NotFound();
        }

        var amount = (session.Amount / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " " + session.Currency.ToUpperInvariant();
        var page = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title><link rel="icon" href="data:,"></head>
            <body style="font-family: sans-serif; max-width: 30em; margin: 3em auto">
            <h1>Fake Stripe Checkout</h1>
            <p>Local development only: no money moves. Session <code>{{WebUtility.HtmlEncode(session.Id)}}</code> ({{WebUtility.HtmlEncode(session.Status)}}).</p>
            <p>Pay <strong>{{WebUtility.HtmlEncode(amount)}}</strong>.</p>
            <form method="post" action="{{WebUtility.HtmlEncode(session.Id)}}/pay"><button>Pay with a test card</button></form>
            <form method="post" action="{{WebUtility.HtmlEncode(session.Id)}}/fail"><button>Decline the card</button></form>
            </body></html>
            """;
        return Results.Content(page, "text/html", Encoding.UTF8);
    }

    private sealed class Session
    {
        public required string Id { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public required string SuccessUrl { get; init; }

        public required string CancelUrl { get; init; }

        public string? ClientReferenceId { get; init; }

        public required JsonObject Metadata { get; init; }

        public required JsonObject IntentMetadata { get; init; }

        public required long Created { get; init; }

        public required long ExpiresAt { get; init; }

        public string Status { get; set; } = "open";

        public string PaymentStatus { get; set; } = "unpaid";

        public string? IntentId { get; set; }
    }

    private sealed class Intent
    {
        public required string Id { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public required JsonObject Metadata { get; init; }

        public required string ClientSecret { get; init; }

        public required long Created { get; init; }

        public string Status { get; set; } = "requires_payment_method";

        public long AmountReceived { get; set; }

        public JsonObject? LastPaymentError { get; set; }

        public List<string> ChargeIds { get; } = [];
    }

    private sealed class Charge
    {
        public required string Id { get; init; }

        public required string IntentId { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public required JsonObject Metadata { get; init; }

        public required long Created { get; init; }

        public List<Refund> Refunds { get; } = [];
    }

    private sealed class Refund
    {
        public required string Id { get; init; }

        public required string ChargeId { get; init; }

        public required string IntentId { get; init; }

        public required long Amount { get; init; }

        public required string Currency { get; init; }

        public required JsonObject Metadata { get; init; }

        public required long Created { get; init; }
    }
}
