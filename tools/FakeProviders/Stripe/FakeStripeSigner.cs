using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.FakeProviders.Stripe;

/// <summary>
/// Signs as Stripe does: <c>Stripe-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" with the
/// endpoint's signing secret}</c>. Written here independently of the Payments area's verifier (the
/// tests check both against Stripe.net).
/// </summary>
public static class FakeStripeSigner
{
    public static string Header(byte[] body, string secret, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(body);
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t + ".").CopyTo(payload, 0);
        body.CopyTo(payload, t.Length + 1);
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload))}";
    }
}
