using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BitcoinEvents.Payments.Providers.Stripe;

/// <summary>A Stripe API call that Stripe refused (its status, error type and code; never its message, which may echo request data).</summary>
internal sealed class StripeApiException : HttpRequestException
{
    public StripeApiException(HttpStatusCode status, string? type, string? code)
        : base($"Stripe answered {(int)status} ({type ?? "no type"}/{code ?? "no code"}).", null, status)
    {
        ErrorType = type;
        ErrorCode = code;
    }

    public StripeApiException()
    {
    }

    public StripeApiException(string message)
        : base(message)
    {
    }

    public StripeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? ErrorType { get; }

    public string? ErrorCode { get; }
}

/// <summary>
/// Stripe's REST API (form-encoded requests, JSON answers), the calls the platform makes: Checkout
/// Sessions, PaymentIntents, Charges, Refunds. Authenticated with the secret key (<c>STRIPE_SECRET_KEY</c>),
/// pinned to one API version so answers have one shape, with an idempotency key on every create.
/// Base URL <c>STRIPE_API_BASE</c> (the fake locally), else https://api.stripe.com/.
/// </summary>
internal sealed class StripeApi(HttpClient http, ProviderSettings settings)
{
    /// <summary>The API version our requests are answered in (webhooks come in the endpoint's own version).</summary>
    public const string ApiVersion = "2024-06-20";

    public const string SecretKeySetting = "STRIPE_SECRET_KEY";
    public const string ApiBaseSetting = "STRIPE_API_BASE";

    private readonly Uri _base = settings.BaseUrl(ApiBaseSetting, "https://api.stripe.com/");

    public bool IsConfigured => settings.Optional(SecretKeySetting) is not null;

    public Task<StripeCheckoutSession> CreateCheckoutSessionAsync(IReadOnlyList<KeyValuePair<string, string>> form, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "v1/checkout/sessions", form, idempotencyKey, StripeJson.Default.StripeCheckoutSession, ct);

    public Task<StripeCheckoutSession> GetCheckoutSessionAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"v1/checkout/sessions/{Uri.EscapeDataString(id)}?expand[]=payment_intent.latest_charge", null, null, StripeJson.Default.StripeCheckoutSession, ct);

    public Task<StripeCheckoutSession> ExpireCheckoutSessionAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"v1/checkout/sessions/{Uri.EscapeDataString(id)}/expire", [], null, StripeJson.Default.StripeCheckoutSession, ct);

    public Task<StripePaymentIntent> CreatePaymentIntentAsync(IReadOnlyList<KeyValuePair<string, string>> form, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "v1/payment_intents", form, idempotencyKey, StripeJson.Default.StripePaymentIntent, ct);

    public Task<StripePaymentIntent> GetPaymentIntentAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"v1/payment_intents/{Uri.EscapeDataString(id)}?expand[]=latest_charge", null, null, StripeJson.Default.StripePaymentIntent, ct);

    public Task<StripePaymentIntent> CancelPaymentIntentAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"v1/payment_intents/{Uri.EscapeDataString(id)}/cancel", [], null, StripeJson.Default.StripePaymentIntent, ct);

    public Task<StripeCharge> GetChargeAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"v1/charges/{Uri.EscapeDataString(id)}", null, null, StripeJson.Default.StripeCharge, ct);

    public Task<StripeRefund> CreateRefundAsync(IReadOnlyList<KeyValuePair<string, string>> form, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "v1/refunds", form, idempotencyKey, StripeJson.Default.StripeRefund, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? form, string? idempotencyKey, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Required(SecretKeySetting));
        request.Headers.TryAddWithoutValidation("Stripe-Version", ApiVersion);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var response = await http.SendAsync(request, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            StripeErrorBody? error = null;
            try
            {
                error = (await JsonSerializer.DeserializeAsync(body, StripeJson.Default.StripeErrorResponse, ct))?.Error;
            }
            catch (JsonException)
            {
            }

            throw new StripeApiException(response.StatusCode, error?.Type, error?.Code);
        }

        return await JsonSerializer.DeserializeAsync(body, type, ct) ?? throw new HttpRequestException($"Stripe answered {path} with nothing.");
    }
}
