using System.Buffers;

namespace BitcoinEvents.Domain.Events;

/// <summary>Where an event's cover image lives in the media bucket, and which images are accepted.</summary>
public static class CoverImages
{
    public const string ContentTypeField = "contentType";

    private static readonly SearchValues<char> FileNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>The accepted content types and the file extension each gets.</summary>
    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["image/jpeg"] = "jpg",
        ["image/png"] = "png",
        ["image/webp"] = "webp",
    };

    /// <summary>Every cover image of the event lies under this prefix.</summary>
    public static string Prefix(string eventId) => $"events/{eventId}/cover/";

    /// <summary>A new key for an upload of <paramref name="extension"/> named by <paramref name="uniqueName"/>.</summary>
    public static string NewKey(string eventId, string uniqueName, string extension) =>
        $"{Prefix(eventId)}{uniqueName}.{extension}";

    /// <summary>True when <paramref name="key"/> is one file directly under the event's cover prefix.</summary>
    public static bool IsValidKey(string key, string eventId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = Prefix(eventId);
        if (key.Length > EventRules.CoverImageKeyMaxLength || !key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = key.AsSpan(prefix.Length);
        return name.Length > 0
            && name[0] != '.'
            && !name.ContainsAnyExcept(FileNameChars);
    }
}
