using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Pagination;

namespace BitcoinEvents.Infrastructure.Tests.Pagination;

public sealed class PageCursorTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var cursor = PageCursor.Encode("ListEvents:Soonest", "START#2031", "2031-06-25T18:00:00.0000000Z#0190a1b2c3d4e5f60718293a4b5c6d7e");

        Assert.True(PageCursor.TryDecode(cursor, "ListEvents:Soonest", 2, out var parts));
        Assert.Equal(["START#2031", "2031-06-25T18:00:00.0000000Z#0190a1b2c3d4e5f60718293a4b5c6d7e"], parts);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
    }

    [Fact]
    public void Decode_WithAnotherScope_Fails()
    {
        var cursor = PageCursor.Encode("ListOrganizerEvents:alice", "ORGANIZER#alice", "x");

        Assert.False(PageCursor.TryDecode(cursor, "ListOrganizerEvents:bob", 2, out _));
    }

    [Fact]
    public void Decode_OfAnyAlteredCharacter_Fails()
    {
        var cursor = PageCursor.Encode("scope", "START#2031", "2031-06-25T18:00:00.0000000Z#0190a1b2c3d4e5f60718293a4b5c6d7e");

        for (var i = 0; i < cursor.Length; i++)
        {
            var altered = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            Assert.False(PageCursor.TryDecode(altered, "scope", 2, out _), $"Altering character {i} went unnoticed.");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("AAAA")]
    public void Decode_OfGarbage_Fails(string? cursor)
    {
        Assert.False(PageCursor.TryDecode(cursor, "scope", 2, out _));
    }

    [Fact]
    public void Decode_WithOtherPartCount_Fails()
    {
        var cursor = PageCursor.Encode("scope", "a", "b", "c");

        Assert.False(PageCursor.TryDecode(cursor, "scope", 2, out _));
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("", 20)]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    public void PageSize_AcceptsOneToHundred(string? limit, int expected)
    {
        Assert.Equal(expected, PageSize.Parse(limit).Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("abc")]
    public void PageSize_RejectsEverythingElse(string limit)
    {
        Assert.False(PageSize.Parse(limit).IsSuccess);
    }

    [Fact]
    public void PageSize_WithAForeignCursor_NamesTheCursor()
    {
        var failed = Assert.IsType<ValidationFailed>(PageSize.Parse("10", cursorIsOfListing: false).Error);

        Assert.Equal([new FieldError("cursor", "is not a cursor of this listing: pass nextCursor from the previous page unchanged.")], failed.Errors);
    }

    [Fact]
    public void PageSize_WithABadLimitAndAForeignCursor_NamesBothLimitFirst()
    {
        var failed = Assert.IsType<ValidationFailed>(PageSize.Parse("0", cursorIsOfListing: false).Error);

        Assert.Equal(["limit", "cursor"], failed.Errors.Select(e => e.Field));
    }

    [Fact]
    public void PageSize_WithTheListingsCursor_IsTheSize()
    {
        Assert.Equal(7, PageSize.Parse("7", cursorIsOfListing: true).Value);
    }
}
