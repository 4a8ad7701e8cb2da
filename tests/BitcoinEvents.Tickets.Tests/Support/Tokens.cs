using System.Text;
using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Tickets.Tests.Support;

internal static class Tokens
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 18, 30, 0, TimeSpan.Zero);

    public static TicketToken Sample(int revision = 1, params string[] sessions) =>
        new("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "a1b2c3d4e5f60718293a4b5c6d7e8f90", sessions, revision);

    public static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Unb64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    public static string Json(string b64) => Encoding.UTF8.GetString(Unb64(b64));

    /// <summary>The part <paramref name="index"/> of a compact JWS.</summary>
    public static string Part(string jws, int index) => jws.Split('.')[index];

    public static string WithPart(string jws, int index, string part)
    {
        var parts = jws.Split('.');
        parts[index] = part;
        return string.Join('.', parts);
    }
}
