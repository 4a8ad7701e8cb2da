using Microsoft.Extensions.Primitives;

namespace BitcoinEvents.Infrastructure.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft): a Structured Fields string,
/// e.g. <c>"8e03978e-40d5-43e8-bc93-6894a57f9324"</c>. The bare form clients commonly send is
/// accepted too. 1–255 visible ASCII characters, without quotes, backslashes or commas.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxLength = 255;

    public static bool TryParse(StringValues values, out string key)
    {
        key = "";
        if (values.Count != 1 || values[0] is not { } raw)
        {
            return false;
        }

        var text = raw.AsSpan().Trim(' ');
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        if (text.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '!' or > '~' or '"' or '\\' or ',')
            {
                return false;
            }
        }

        key = text.ToString();
        return true;
    }
}
