using System.Globalization;
using System.Text;

namespace BitcoinEvents.Payments.Providers.Stripe;

/// <summary>
/// Stripe's webhook signature: the <c>Stripe-Signature</c> header <c>t=&lt;unix time&gt;,v1=&lt;hex&gt;[,v1=...][,v0=...]</c>;
/// each <c>v1</c> is HMAC-SHA256 of <c>{t}.{raw body}</c> with an endpoint secret (several while Stripe
/// rolls the secret). Valid when any v1 matches any of our secrets (compared in constant time) and
/// <c>t</c> is within <see cref="Tolerance"/> of now.
/// </summary>
internal static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    /// <summary>Stripe's libraries' default tolerance.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    /// <summary>Null when valid; else why not (naming no secret).</summary>
    public static string? Check(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return $"no {Header} header.";
        }

        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t" && timestamp is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        if (timestamp is null)
        {
            return $"{Header} has no timestamp.";
        }

        if (signatures.Count == 0)
        {
            return $"{Header} has no v1 signature.";
        }

        if (timestamp.Value > DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 2
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > (long)Tolerance.TotalSeconds)
        {
            return $"{Header}'s timestamp is more than {Tolerance.TotalSeconds:0} seconds from now.";
        }

        var prefix = Encoding.ASCII.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".");
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = WebhookSignatures.HmacSha256(secret, prefix, body);
            foreach (var signature in signatures)
            {
                // Every pair is compared (no early exit) so the time taken says nothing about which matched.
                matched |= WebhookSignatures.MatchesHex(expected, signature);
            }
        }

        return matched ? null : $"no {Header} signature matches.";
    }

    /// <summary>The header Stripe would send for <paramref name="body"/> at <paramref name="at"/> (fakes and tests).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={WebhookSignatures.Hex(WebhookSignatures.HmacSha256(secret, Encoding.ASCII.GetBytes(t + "."), body))}";
    }
}
