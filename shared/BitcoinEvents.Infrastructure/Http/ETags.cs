using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>Strong entity tags built from a resource's version, and If-Match evaluation (RFC 9110 §13.1.1).</summary>
public static class ETags
{
    public const string IfMatchField = "If-Match";

    public static string ForVersion(long version) => $"\"v{version}\"";

    /// <summary>
    /// Whether an If-Match header lets a change of the resource whose current tag is
    /// <paramref name="currentETag"/> go ahead. No header: yes. "*": yes (the resource exists).
    /// Weak tags never match (strong comparison). A header that does not parse is Malformed.
    /// </summary>
    public static IfMatchResult EvaluateIfMatch(StringValues ifMatch, string currentETag)
    {
        if (StringValues.IsNullOrEmpty(ifMatch))
        {
            return IfMatchResult.Absent;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(ifMatch, out var tags) || tags.Count == 0)
        {
            return IfMatchResult.Malformed;
        }

        var current = EntityTagHeaderValue.Parse(currentETag);
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true))
            {
                return IfMatchResult.Matches;
            }
        }

        return IfMatchResult.DoesNotMatch;
    }
}

public enum IfMatchResult
{
    Absent,
    Matches,
    DoesNotMatch,
    Malformed,
}
