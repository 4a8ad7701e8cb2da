using System.Net;
using System.Net.Http.Json;

namespace BitcoinEvents.Payments.Providers.Coinbase;

/// <summary>
/// A small typed client of Coinbase Commerce's charges API: <c>X-CC-Api-Key</c> and
/// <c>X-CC-Version: 2018-03-22</c> on every call. Bodies are never logged; a failure names the call
/// and the status only.
/// </summary>
internal sealed class CoinbaseApi(IHttpClientFactory clients, ProviderSettings settings)
{
    public const string ClientName = "coinbase";
    public const string ApiVersion = "2018-03-22";

    public async Task<CoinbaseCharge> CreateChargeAsync(CoinbaseCreateChargeRequest charge, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, "charges", JsonContent.Create(charge, CoinbaseJsonContext.Default.CoinbaseCreateChargeRequest), "create a charge", ct)
            ?? throw new HttpRequestException("Coinbase answered no charge to create a charge.");

    /// <summary>A charge by its id or code; null when Coinbase has none.</summary>
    public Task<CoinbaseCharge?> GetChargeAsync(string idOrCode, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "charges/" + Uri.EscapeDataString(idOrCode), null, "get a charge", ct);

    private async Task<CoinbaseCharge?> SendAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken ct)
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl(CoinbaseSettings.ApiBase, "https://api.commerce.coinbase.com/"), path)) { Content = content };
        request.Headers.Add("X-CC-Api-Key", settings.Required(CoinbaseSettings.ApiKey));
        request.Headers.Add("X-CC-Version", ApiVersion);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Coinbase Commerce answered {(int)response.StatusCode} to {what}.", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync(CoinbaseJsonContext.Default.CoinbaseChargeEnvelope, ct))?.Data;
    }
}

internal static class CoinbaseSettings
{
    /// <summary>Default https://api.commerce.coinbase.com/.</summary>
    public const string ApiBase = "COINBASE_API_BASE";

    public const string ApiKey = "COINBASE_API_KEY";

    /// <summary>The shared secret of the webhook subscription that points at POST /webhooks/coinbase.</summary>
    public const string WebhookSecret = "COINBASE_WEBHOOK_SECRET";
}
