using System.Globalization;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Infrastructure.Pagination;

/// <summary>The <c>limit</c> query parameter of a listing: 1 to <see cref="Max"/>, <see cref="Default"/> when absent.</summary>
public static class PageSize
{
    public const string Field = "limit";
    public const int Default = 20;
    public const int Max = 100;

    public static readonly string Reason = $"must be a whole number from 1 to {Max}.";

    /// <summary>The page size of a <c>limit</c> given as text (digits only).</summary>
    public static Result<int> Parse(string? limit)
    {
        if (string.IsNullOrEmpty(limit))
        {
            return Default;
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= Max
            ? value
            : new ValidationFailed(Field, Reason);
    }

    /// <summary>
    /// The page size of <paramref name="limit"/>; when it is not one, an error naming <c>limit</c>
    /// joins <paramref name="errors"/> (and the default stands in, so the other checks still run).
    /// </summary>
    public static int Parse(string? limit, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parsed = Parse(limit);
        if (parsed.IsSuccess)
        {
            return parsed.Value;
        }

        errors.Add(new FieldError(Field, Reason));
        return Default;
    }

    /// <summary>
    /// A listing's <c>limit</c> and <c>cursor</c> checked at once: the page size, or a validation failure naming
    /// each of them that is wrong (limit first). <paramref name="cursorIsOfListing"/> is the listing's own check
    /// of the cursor (true when there is none).
    /// </summary>
    public static Result<int> Parse(string? limit, bool cursorIsOfListing)
    {
        var errors = new List<FieldError>();
        var size = Parse(limit, errors);
        if (!cursorIsOfListing)
        {
            errors.Add(new FieldError(PageCursor.Field, PageCursor.NotOfListingReason));
        }

        return errors.Count > 0 ? new ValidationFailed(errors) : size;
    }
}

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
