namespace BitcoinEvents.Payments.Providers.Btcpay;

/// <summary>
/// BTCPay Server (Greenfield) signs each webhook with <c>BTCPay-Sig: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 of the body bytes keyed with the UTF-8 webhook secret. The body's own timestamp is
/// not checked against a window: BTCPay redelivers old deliveries on request (<c>isRedelivery</c>),
/// and the invoice is re-read from the store before anything is credited, so a replay changes nothing.
/// </summary>
public static class BtcpayWebhookSignature
{
    public const string Header = "BTCPay-Sig";

    private const string Prefix = "sha256=";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? header, string secret)
    {
        var value = header?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return SignatureCheck.Missing;
        }

        return value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? HexHmacSignature.Verify(body, value[Prefix.Length..], secret)
            : SignatureCheck.Malformed;
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) => Prefix + HexHmacSignature.Sign(body, secret);
}
