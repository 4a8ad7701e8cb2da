using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace BitcoinEvents.Payments.Providers.Bitgo;

/// <summary>
/// A small typed client of BitGo's platform API (v2: wallet addresses and transfers) and of BitGo
/// Express (sendcoins, which signs with the wallet passphrase), as BitGo documents them. Bearer
/// access token; bodies are never logged; a failure names the call and the status only.
/// </summary>
internal sealed class BitgoApi(IHttpClientFactory clients, ProviderSettings settings)
{
    public const string ClientName = "bitgo";

    private static BitgoJsonContext Json => BitgoJsonContext.Default;

    private string Wallet => $"api/v2/{Uri.EscapeDataString(Coin)}/wallet/{Uri.EscapeDataString(settings.Required(BitgoSettings.WalletId))}";

    public string Coin => settings.Optional(BitgoSettings.Coin) ?? "btc";

    public async Task<BitgoAddress> CreateAddressAsync(string label, CancellationToken ct) =>
        await SendAsync(Api, HttpMethod.Post, $"{Wallet}/address", JsonContent.Create(new BitgoCreateAddressRequest(label), Json.BitgoCreateAddressRequest), Json.BitgoAddress, "create an address", ct)
            ?? throw new HttpRequestException("BitGo answered no address to create an address.");

    /// <summary>The wallet's addresses whose label contains <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<BitgoAddress>> FindAddressesAsync(string text, CancellationToken ct) =>
        (await SendAsync(Api, HttpMethod.Get, $"{Wallet}/addresses?labelContains={Uri.EscapeDataString(text)}", null, Json.BitgoAddressList, "list addresses", ct))?.Addresses ?? [];

    public Task<BitgoAddress?> GetAddressAsync(string address, CancellationToken ct) =>
        SendAsync(Api, HttpMethod.Get, $"{Wallet}/address/{Uri.EscapeDataString(address)}", null, Json.BitgoAddress, "get an address", ct);

    public Task<BitgoTransfer?> GetTransferAsync(string transferId, CancellationToken ct) =>
        SendAsync(Api, HttpMethod.Get, $"{Wallet}/transfer/{Uri.EscapeDataString(transferId)}", null, Json.BitgoTransfer, "get a transfer", ct);

    public Task<BitgoTransfer?> GetTransferBySequenceIdAsync(string sequenceId, CancellationToken ct) =>
        SendAsync(Api, HttpMethod.Get, $"{Wallet}/transfer/sequenceId/{Uri.EscapeDataString(sequenceId)}", null, Json.BitgoTransfer, "get a transfer by sequence id", ct);

    /// <summary>The wallet's transfers that touched <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<BitgoTransfer>> GetTransfersAsync(string address, CancellationToken ct) =>
        (await SendAsync(Api, HttpMethod.Get, $"{Wallet}/transfer?address={Uri.EscapeDataString(address)}", null, Json.BitgoTransferList, "list transfers", ct))?.Transfers ?? [];

    /// <summary>Sends <paramref name="satoshis"/> to <paramref name="address"/> through BitGo Express; the same <paramref name="sequenceId"/> is never sent twice.</summary>
    public async Task<BitgoSendCoinsResponse> SendCoinsAsync(string address, long satoshis, string sequenceId, CancellationToken ct)
    {
        var request = new BitgoSendCoinsRequest(address, satoshis.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.Required(BitgoSettings.WalletPassphrase), sequenceId, "refund");
        return await SendAsync(Express, HttpMethod.Post, $"{Wallet}/sendcoins", JsonContent.Create(request, Json.BitgoSendCoinsRequest), Json.BitgoSendCoinsResponse, "send coins", ct)
            ?? throw new HttpRequestException("BitGo Express answered nothing to send coins.");
    }

    private Uri Api => settings.BaseUrl(BitgoSettings.ApiBase, "https://app.bitgo.com/");

    private Uri Express => settings.BaseUrl(BitgoSettings.ExpressBase, "http://localhost:3080/");

    private async Task<T?> SendAsync<T>(Uri baseUrl, HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, string what, CancellationToken ct)
        where T : class
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Required(BitgoSettings.AccessToken));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"BitGo answered {(int)response.StatusCode} to {what}.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(type, ct);
    }
}
