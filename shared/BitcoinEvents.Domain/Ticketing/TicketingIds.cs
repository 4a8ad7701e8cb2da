using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// Ids of ticketing resources (ticket types, quotas, sessions, holds, orders, tickets, waiting-list
/// entries): 32 lower-case hex digits, like event ids. New ones are version 7 GUIDs (time-ordered);
/// derived ones are a hash of what they derive from, so a retry derives the same id and never
/// writes twice (a ticket is derived from its order and seat).
/// </summary>
public static class TicketingIds
{
    public const int Length = 32;

    /// <summary>The regular expression an id matches (for routes and documents).</summary>
    public const string Pattern = "^[0-9a-f]{32}$";

    public static string New(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
    }

    /// <summary>The same id for the same parts, always; unrelated to any other's.</summary>
    public static string Derive(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, Length / 2));
    }

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
