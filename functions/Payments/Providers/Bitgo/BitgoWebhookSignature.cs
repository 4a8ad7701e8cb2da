namespace BitcoinEvents.Payments.Providers.Bitgo;

/// <summary>
/// BitGo signs wallet webhooks (once the enterprise has a webhook secret) with
/// <c>X-Signature-SHA256</c>: the hex HMAC-SHA256 of the raw body with that secret. (BitGo's JWT
/// "webhook signing keys" are for policy-rule webhooks that approve transactions, not for transfer
/// notifications.) A valid signature only says BitGo sent it: the transfer is always re-read from
/// BitGo's API, and counted at the confirmation threshold, before it is credited.
/// </summary>
public static class BitgoWebhookSignature
{
    public const string Header = "X-Signature-SHA256";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? header, string secret) =>
        HexHmacSignature.Verify(body, header?.Trim(), secret);

    public static string Sign(ReadOnlySpan<byte> body, string secret) => HexHmacSignature.Sign(body, secret);
}
