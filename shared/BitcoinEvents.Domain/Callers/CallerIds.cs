namespace BitcoinEvents.Domain.Callers;

/// <summary>Subject ids as the identity provider issues them (Cognito: a UUID): short, visible ASCII.</summary>
public static class CallerIds
{
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="id"/> could be a subject id; anything else names no user.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
