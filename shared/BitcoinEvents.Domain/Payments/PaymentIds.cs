using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Domain.Payments;

/// <summary>
/// Ids of payments and of what they cause (refund requests, reported refunds): 32 lower-case hex
/// digits, derived from what makes them unique, so a retry derives the same id and never records,
/// charges or refunds twice.
/// </summary>
public static class PaymentIds
{
    public const int Length = 32;

    /// <summary>The regular expression an id matches (for routes and documents).</summary>
    public const string Pattern = "^[0-9a-f]{32}$";

    /// <summary>The one payment of <paramref name="orderId"/> through <paramref name="provider"/>: asking again returns it.</summary>
    public static string ForOrder(string orderId, string provider) => Derive("payment", orderId, provider);

    /// <summary>The same id for the same parts, always; unrelated to any other's.</summary>
    public static string Derive(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, Length / 2));
    }

    /// <summary>A number as an id part.</summary>
    public static string Part(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="id"/> could be an id; anything else can't exist (404 without a read).</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is not { Length: Length })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
