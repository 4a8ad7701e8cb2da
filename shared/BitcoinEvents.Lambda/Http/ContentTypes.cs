using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Lambda;

/// <summary>Decides whether a response body can travel as a JSON string or must be base64.</summary>
internal static class ContentTypes
{
    /// <summary>
    /// True for UTF-8 text: text/*, JSON, XML, JavaScript, form data, any +json/+xml type and
    /// anything declaring charset=utf-8. Other charsets, unknown types and a missing content type
    /// are binary: base64 carries them byte for byte.
    /// </summary>
    public static bool IsText(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        if (mediaType.Charset.HasValue)
        {
            return IsUtf8(mediaType.Charset);
        }

        if (mediaType.Type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var subType = mediaType.SubTypeWithoutSuffix;
        return mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("xml", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("json", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("xml", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("javascript", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("x-javascript", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("ecmascript", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsUtf8(StringSegment charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);
}
