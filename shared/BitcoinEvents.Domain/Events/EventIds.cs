namespace BitcoinEvents.Domain.Events;

/// <summary>Event ids: 32 lower-case hex digits of a version 7 GUID (time-ordered, unguessable enough).</summary>
public static class EventIds
{
    public const int Length = 32;

    /// <summary>What <see cref="IsWellFormed"/> accepts, as a regular expression (for API descriptions).</summary>
    public const string Pattern = "^[0-9a-f]{32}$";

    public static string New(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
    }

    /// <summary>True when <paramref name="id"/> could be an event id; anything else can't exist (404 without a read).</summary>
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
