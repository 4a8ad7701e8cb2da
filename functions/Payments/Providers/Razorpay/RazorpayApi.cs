using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BitcoinEvents.Payments.Providers.Razorpay;

/// <summary>A Razorpay API call that Razorpay refused (its status and error code, not its description).</summary>
internal sealed class RazorpayApiException : HttpRequestException
{
    public RazorpayApiException(HttpStatusCode status, string? code)
        : base($"Razorpay answered {(int)status} ({code ?? "no code"}).", null, status)
    {
    }

    public RazorpayApiException()
    {
    }

    public RazorpayApiException(string message)
        : base(message)
    {
    }

    public RazorpayApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Razorpay's REST API (JSON, HTTP Basic with the key id and key secret): orders, an order's payments,
/// refunds. Base URL <c>RAZORPAY_API_BASE</c> (the fake locally), else https://api.razorpay.com/.
/// </summary>
internal sealed class RazorpayApi(HttpClient http, ProviderSettings settings)
{
    public const string KeyIdSetting = "RAZORPAY_KEY_ID";
    public const string KeySecretSetting = "RAZORPAY_KEY_SECRET";
    public const string ApiBaseSetting = "RAZORPAY_API_BASE";

    private readonly Uri _base = settings.BaseUrl(ApiBaseSetting, "https://api.razorpay.com/");

    public bool IsConfigured => settings.Optional(KeyIdSetting) is not null && settings.Optional(KeySecretSetting) is not null;

    public string KeyId => settings.Required(KeyIdSetting);

    public Task<RazorpayOrder> CreateOrderAsync(RazorpayOrderRequest order, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "v1/orders", JsonContent.Create(order, RazorpayJson.Default.RazorpayOrderRequest), RazorpayJson.Default.RazorpayOrder, ct);

    public Task<RazorpayCollection<RazorpayOrder>> FindOrdersByReceiptAsync(string receipt, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "v1/orders?receipt=" + Uri.EscapeDataString(receipt), null, RazorpayJson.Default.RazorpayCollectionRazorpayOrder, ct);

    public Task<RazorpayCollection<RazorpayPayment>> GetOrderPaymentsAsync(string orderId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(orderId)}/payments", null, RazorpayJson.Default.RazorpayCollectionRazorpayPayment, ct);

    public Task<RazorpayCollection<RazorpayRefund>> GetRefundsAsync(string paymentId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}/refunds", null, RazorpayJson.Default.RazorpayCollectionRazorpayRefund, ct);

    public Task<RazorpayRefund> CreateRefundAsync(string paymentId, RazorpayRefundRequest refund, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"v1/payments/{Uri.EscapeDataString(paymentId)}/refund", JsonContent.Create(refund, RazorpayJson.Default.RazorpayRefundRequest), RazorpayJson.Default.RazorpayRefund, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.Required(KeyIdSetting) + ":" + settings.Required(KeySecretSetting)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        using var response = await http.SendAsync(request, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            RazorpayErrorBody? error = null;
            try
            {
                error = (await JsonSerializer.DeserializeAsync(body, RazorpayJson.Default.RazorpayErrorResponse, ct))?.Error;
            }
            catch (JsonException)
            {
            }

            throw new RazorpayApiException(response.StatusCode, error?.Code);
        }

        return await JsonSerializer.DeserializeAsync(body, type, ct) ?? throw new HttpRequestException($"Razorpay answered {path} with nothing.");
    }
}
