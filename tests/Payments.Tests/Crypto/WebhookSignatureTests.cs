using System.Text;
using System.Text.Json;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Providers.Bitgo;
using BitcoinEvents.Payments.Providers.Btcpay;
using BitcoinEvents.Payments.Providers.Coinbase;

namespace Payments.Tests.Crypto;

public sealed class WebhookSignatureTests
{
    // Coinbase Commerce's own library tests this delivery with this secret and signature.
    private const string CoinbaseSecret = "30291a20-0bd1-4267-9b0f-e6e7b123c0bf";
    private const string CoinbaseSignature = "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d";

    // A BTCPay Server InvoiceSettled delivery as sent (indented JSON), with its webhook secret and BTCPay-Sig.
    private const string BtcpaySecret = "Y6Tio3rXRT4dGqpk43GvBPK9fHQ";
    private const string BtcpaySignature = "sha256=237906b0175aa4de911eba91ec0791e7482333a5de9f81a179442fc602b0d1be";

    // A BitGo transfer notification, signed here with `openssl dgst -sha256 -hmac bitgo-dev-webhook-secret`.
    private const string BitgoSecret = "bitgo-dev-webhook-secret";
    private const string BitgoSignature = "ef3ec6708646aa90426aa698a2a941eb1afc112c65237122de9ed9f3eb5108a2";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    [Fact]
    public void Coinbase_VerifiesTheDocumentedDelivery()
    {
        var body = Samples.Bytes("coinbase-charge-created-2018.json");
        Assert.Equal(SignatureCheck.Valid, CoinbaseWebhookSignature.Verify(body, CoinbaseSignature, CoinbaseSecret));
        Assert.Equal(SignatureCheck.Valid, CoinbaseWebhookSignature.Verify(body, CoinbaseSignature.ToUpperInvariant(), CoinbaseSecret));
        Assert.Equal(CoinbaseSignature, CoinbaseWebhookSignature.Sign(body, CoinbaseSecret));
    }

    [Fact]
    public void Btcpay_VerifiesARealDelivery()
    {
        var body = Samples.Bytes("btcpay-invoice-settled.json");
        Assert.Equal(SignatureCheck.Valid, BtcpayWebhookSignature.Verify(body, BtcpaySignature, BtcpaySecret));
        Assert.Equal(SignatureCheck.Valid, BtcpayWebhookSignature.Verify(body, "SHA256=" + BtcpaySignature[7..], BtcpaySecret));
        Assert.Equal(BtcpaySignature, BtcpayWebhookSignature.Sign(body, BtcpaySecret));
    }

    [Fact]
    public void Bitgo_VerifiesAnIndependentlySignedDelivery()
    {
        var body = Samples.Bytes("bitgo-transfer-unconfirmed.json");
        Assert.Equal(SignatureCheck.Valid, BitgoWebhookSignature.Verify(body, BitgoSignature, BitgoSecret));
        Assert.Equal(BitgoSignature, BitgoWebhookSignature.Sign(body, BitgoSecret));
    }

    public static TheoryData<string> Providers => ["coinbase", "btcpay", "bitgo"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void AForgedBody_IsAMismatch(string provider)
    {
        var (body, signature, secret, verify) = Case(provider);
        var forged = (byte[])body.Clone();
        var at = Array.IndexOf(forged, (byte)'1');
        forged[at] = (byte)'9';
        Assert.Equal(SignatureCheck.Mismatch, verify(forged, signature, secret));
        Assert.Equal(SignatureCheck.Mismatch, verify([.. body, (byte)' '], signature, secret));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheSameJsonReserialized_IsAMismatch(string provider)
    {
        // Signatures cover the bytes as sent, not the JSON they mean: re-encoding the parsed body breaks them.
        var (body, signature, secret, verify) = Case(provider);
        using var parsed = JsonDocument.Parse(body);
        var reserialized = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parsed.RootElement, Indented));
        Assert.NotEqual(body, reserialized);
        Assert.Equal(SignatureCheck.Mismatch, verify(reserialized, signature, secret));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AnotherSecret_IsAMismatch(string provider)
    {
        var (body, signature, _, verify) = Case(provider);
        Assert.Equal(SignatureCheck.Mismatch, verify(body, signature, "not-the-webhook-secret"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AnAlteredSignature_IsAMismatch(string provider)
    {
        var (body, signature, secret, verify) = Case(provider);
        var last = signature[^1] == '0' ? '1' : '0';
        Assert.Equal(SignatureCheck.Mismatch, verify(body, signature[..^1] + last, secret));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void NoSignature_IsMissing(string provider)
    {
        var (body, _, secret, verify) = Case(provider);
        Assert.Equal(SignatureCheck.Missing, verify(body, null, secret));
        Assert.Equal(SignatureCheck.Missing, verify(body, "", secret));
        Assert.Equal(SignatureCheck.Missing, verify(body, "   ", secret));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ASignatureOfTheWrongShape_IsMalformed(string provider)
    {
        var (body, signature, secret, verify) = Case(provider);
        var prefix = provider == "btcpay" ? "sha256=" : "";
        var hex = signature[prefix.Length..];
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + hex[..^2], secret)); // too short
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + hex + "00", secret)); // too long
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + "zz" + hex[2..], secret)); // not hex
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + Convert.ToBase64String(Convert.FromHexString(hex)), secret));
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + new string('é', 64), secret));
        Assert.Equal(SignatureCheck.Malformed, verify(body, prefix + new string('a', 100_000), secret));
    }

    [Fact]
    public void Btcpay_WantsTheSha256Prefix()
    {
        var body = Samples.Bytes("btcpay-invoice-settled.json");
        Assert.Equal(SignatureCheck.Malformed, BtcpayWebhookSignature.Verify(body, BtcpaySignature[7..], BtcpaySecret));
        Assert.Equal(SignatureCheck.Malformed, BtcpayWebhookSignature.Verify(body, "sha1=" + BtcpaySignature[7..], BtcpaySecret));
    }

    private delegate SignatureCheck Verifier(ReadOnlySpan<byte> body, string? header, string secret);

    private static (byte[] Body, string Signature, string Secret, Verifier Verify) Case(string provider) => provider switch
    {
        "coinbase" => (Samples.Bytes("coinbase-charge-created-2018.json"), CoinbaseSignature, CoinbaseSecret, CoinbaseWebhookSignature.Verify),
        "btcpay" => (Samples.Bytes("btcpay-invoice-settled.json"), BtcpaySignature, BtcpaySecret, BtcpayWebhookSignature.Verify),
        "bitgo" => (Samples.Bytes("bitgo-transfer-unconfirmed.json"), BitgoSignature, BitgoSecret, BitgoWebhookSignature.Verify),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
