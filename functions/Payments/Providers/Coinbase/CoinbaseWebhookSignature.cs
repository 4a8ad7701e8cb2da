namespace BitcoinEvents.Payments.Providers.Coinbase;

/// <summary>
/// Coinbase Commerce signs each webhook with <c>X-CC-Webhook-Signature</c>: the hex HMAC-SHA256 of
/// the raw body with the endpoint's shared secret. There is no timestamp in what it signs: a replayed
/// delivery verifies, which is why deliveries are stored under the event's id (a replay is a no-op)
/// and the charge is re-read from Coinbase before anything is credited.
/// </summary>
public static class CoinbaseWebhookSignature
{
    public const string Header = "X-CC-Webhook-Signature";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? header, string secret) =>
        HexHmacSignature.Verify(body, header?.Trim(), secret);

    public static string Sign(ReadOnlySpan<byte> body, string secret) => HexHmacSignature.Sign(body, secret);
}
