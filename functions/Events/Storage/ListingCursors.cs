using System.Text.RegularExpressions;
using BitcoinEvents.Infrastructure.Pagination;

namespace BitcoinEvents.Events.Storage;

/// <summary>
/// Cursors of the event listings: an <see cref="IndexPosition"/> sealed to the listing it belongs to
/// (scope). A cursor that was altered, or comes from another listing, does not decode. Only the
/// store reads and writes them: to everyone else a cursor is an opaque string.
/// </summary>
internal static partial class ListingCursors
{
    public static string? Encode(string scope, IndexPosition? position) =>
        position is null ? null : PageCursor.Encode(scope, position.Partition, position.SortKey);

    /// <summary>
    /// The position in <paramref name="cursor"/>, checked again after the MAC: the partition must be
    /// one <paramref name="isPartition"/> accepts and the sort key an instant and an event id.
    /// </summary>
    public static bool TryDecode(string cursor, string scope, Func<string, bool> isPartition, out IndexPosition? position)
    {
        position = null;
        if (!PageCursor.TryDecode(cursor, scope, 2, out var parts)
            || !isPartition(parts[0])
            || !IndexSortKey().IsMatch(parts[1]))
        {
            return false;
        }

        position = new IndexPosition(parts[0], parts[1]);
        return true;
    }

    public static bool IsYearPartition(string partition, string prefix) =>
        partition.StartsWith(prefix, StringComparison.Ordinal) && YearSuffix().IsMatch(partition.AsSpan(prefix.Length));

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{7}Z#[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexSortKey();

    [GeneratedRegex(@"^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearSuffix();
}
