using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace BitcoinEvents.Payments.Providers.Btcpay;

/// <summary>
/// A small typed client of BTCPay Server's Greenfield API (v1), as documented in its OpenAPI
/// document: the store-scoped invoice routes (every server version has them), pull payments for
/// refunds, and the store's rates. Authenticated with <c>Authorization: token &lt;API key&gt;</c>.
/// Bodies are never logged; a failure names the call and the status only.
/// </summary>
internal sealed class BtcpayApi(IHttpClientFactory clients, ProviderSettings settings)
{
    public const string ClientName = "btcpay";

    private static BtcpayJsonContext Json => BtcpayJsonContext.Default;

    private Uri BaseUrl => new(settings.Required(BtcpaySettings.ApiBase).TrimEnd('/') + "/");

    private string Store => Uri.EscapeDataString(settings.Required(BtcpaySettings.StoreId));

    /// <summary>The store's invoice whose <c>orderId</c> is <paramref name="orderId"/> (our payment id), if one was created already.</summary>
    public async Task<BtcpayInvoice?> FindInvoiceAsync(string orderId, CancellationToken ct)
    {
        var invoices = await SendAsync(HttpMethod.Get, $"api/v1/stores/{Store}/invoices?orderId={Uri.EscapeDataString(orderId)}", null, Json.IReadOnlyListBtcpayInvoice, "list invoices", ct);
        return invoices is { Count: > 0 } ? invoices[0] : null;
    }

    public async Task<BtcpayInvoice> CreateInvoiceAsync(BtcpayCreateInvoiceRequest request, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, $"api/v1/stores/{Store}/invoices", JsonContent.Create(request, Json.BtcpayCreateInvoiceRequest), Json.BtcpayInvoice, "create an invoice", ct)
            ?? throw new HttpRequestException("BTCPay answered no invoice to create an invoice.");

    public Task<BtcpayInvoice?> GetInvoiceAsync(string invoiceId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/stores/{Store}/invoices/{Uri.EscapeDataString(invoiceId)}", null, Json.BtcpayInvoice, "get an invoice", ct);

    public async Task<IReadOnlyList<BtcpayPaymentMethod>> GetPaymentMethodsAsync(string invoiceId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"api/v1/stores/{Store}/invoices/{Uri.EscapeDataString(invoiceId)}/payment-methods", null, Json.IReadOnlyListBtcpayPaymentMethod, "get an invoice's payment methods", ct) ?? [];

    /// <summary>Refunds (part of) an invoice: BTCPay creates a pull payment the buyer claims to their own address or Lightning invoice.</summary>
    public async Task<BtcpayPullPayment> RefundAsync(string invoiceId, BtcpayRefundRequest request, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, $"api/v1/stores/{Store}/invoices/{Uri.EscapeDataString(invoiceId)}/refund", JsonContent.Create(request, Json.BtcpayRefundRequest), Json.BtcpayPullPayment, "refund an invoice", ct)
            ?? throw new HttpRequestException("BTCPay answered no pull payment to refund an invoice.");

    /// <summary>The store's pull payment named <paramref name="name"/> (a refund created before), archived ones included.</summary>
    public async Task<BtcpayPullPayment?> FindPullPaymentAsync(string name, CancellationToken ct)
    {
        var pulls = await SendAsync(HttpMethod.Get, $"api/v1/stores/{Store}/pull-payments?includeArchived=true", null, Json.IReadOnlyListBtcpayPullPayment, "list pull payments", ct);
        return pulls?.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
    }

    public Task<BtcpayPullPayment?> GetPullPaymentAsync(string pullPaymentId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/pull-payments/{Uri.EscapeDataString(pullPaymentId)}", null, Json.BtcpayPullPayment, "get a pull payment", ct);

    public async Task<IReadOnlyList<BtcpayPayout>> GetPayoutsAsync(string pullPaymentId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"api/v1/pull-payments/{Uri.EscapeDataString(pullPaymentId)}/payouts?includeCancelled=true", null, Json.IReadOnlyListBtcpayPayout, "get a pull payment's payouts", ct) ?? [];

    /// <summary>The store's rate for <paramref name="currencyPair"/> (<c>BTC_EUR</c>), from its configured rate source.</summary>
    public async Task<BtcpayRate?> GetRateAsync(string currencyPair, CancellationToken ct)
    {
        var rates = await SendAsync(HttpMethod.Get, $"api/v1/stores/{Store}/rates?currencyPair={Uri.EscapeDataString(currencyPair)}", null, Json.IReadOnlyListBtcpayRate, "get the store's rates", ct);
        return rates?.FirstOrDefault(r => string.Equals(r.CurrencyPair, currencyPair, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sends one call; 404 is null, any other failure throws naming the call and the status.</summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, string what, CancellationToken ct)
        where T : class
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("token", settings.Required(BtcpaySettings.ApiKey));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"BTCPay answered {(int)response.StatusCode} to {what}.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(type, ct);
    }
}
