using BitcoinEvents.Domain.Events;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

/// <summary>Each rule on its own: the error names exactly the JSON path the client sent.</summary>
public sealed class EventValidationTests
{
    private static string FieldInError(EventInput input) =>
        SingleFieldInError(Event.Create(EventId, Organizer, input, Clock()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_WhenMissingOrBlank_NamesTitle(string? title)
    {
        Assert.Equal("title", FieldInError(Input() with { Title = title }));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u3164 \u2800 ")]
    [InlineData("\u00A0\u2003")]
    public void Title_OfOnlyInvisibleCharacters_IsBlank(string title)
    {
        Assert.Equal("title", FieldInError(Input() with { Title = title }));
    }

    [Fact]
    public void Title_LosesInvisibleCharactersAtItsEnds()
    {
        var created = Event.Create(EventId, Organizer, Input() with { Title = "\u200BLisbon Meetup\uFEFF " }, Clock()).Value;

        Assert.Equal("Lisbon Meetup", created.Title);
    }

    [Fact]
    public void Description_OfOnlyInvisibleCharacters_IsNone()
    {
        var created = Event.Create(EventId, Organizer, Input() with { Description = "\u200B\u200B" }, Clock()).Value;

        Assert.Null(created.Description);
    }

    [Fact]
    public void Title_WithALoneSurrogate_NamesTitle()
    {
        Assert.Equal("title", FieldInError(Input() with { Title = "broken \uD800 pair" }));
    }

    [Fact]
    public void Title_WithEmoji_IsValid()
    {
        Assert.True(Event.Create(EventId, Organizer, Input() with { Title = "Bitcoin \U0001F680 meetup" }, Clock()).IsSuccess);
    }

    [Fact]
    public void Title_WhenLongerThan200_NamesTitle()
    {
        Assert.Equal("title", FieldInError(Input() with { Title = new string('x', 201) }));
    }

    [Fact]
    public void Title_WithExactly200Characters_IsValid()
    {
        Assert.True(Event.Create(EventId, Organizer, Input() with { Title = new string('x', 200) }, Clock()).IsSuccess);
    }

    [Fact]
    public void Title_WithLineBreak_NamesTitle()
    {
        Assert.Equal("title", FieldInError(Input() with { Title = "two\nlines" }));
    }

    [Fact]
    public void Description_WhenLongerThan10000_NamesDescription()
    {
        Assert.Equal("description", FieldInError(Input() with { Description = new string('x', 10_001) }));
    }

    [Fact]
    public void Description_WithLineBreaks_IsValid()
    {
        var input = Input() with { Description = "First paragraph.\n\nSecond\tparagraph." };

        Assert.True(Event.Create(EventId, Organizer, input, Clock()).IsSuccess);
    }

    [Fact]
    public void Description_WithOtherControlCharacter_NamesDescription()
    {
        Assert.Equal("description", FieldInError(Input() with { Description = "bell\u0007" }));
    }

    [Fact]
    public void Venue_WhenMissing_NamesVenue()
    {
        Assert.Equal("venue", FieldInError(Input() with { Venue = null }));
    }

    [Fact]
    public void VenueName_WhenTooLong_NamesVenueName()
    {
        Assert.Equal("venue.name", FieldInError(Input() with { Venue = Venue() with { Name = new string('v', 201) } }));
    }

    [Fact]
    public void VenueAddressLines_WhenEmpty_NamesAddressLines()
    {
        Assert.Equal("venue.addressLines", FieldInError(Input() with { Venue = Venue() with { AddressLines = [] } }));
    }

    [Fact]
    public void VenueAddressLines_WhenMoreThanFour_NamesAddressLines()
    {
        var venue = Venue() with { AddressLines = ["1", "2", "3", "4", "5"] };

        Assert.Equal("venue.addressLines", FieldInError(Input() with { Venue = venue }));
    }

    [Fact]
    public void VenueAddressLine_WhenBlank_NamesItsIndex()
    {
        var venue = Venue() with { AddressLines = ["Rua Augusta 1", " "] };

        Assert.Equal("venue.addressLines[1]", FieldInError(Input() with { Venue = venue }));
    }

    [Fact]
    public void VenueAddressLine_WhenNull_NamesItsIndex()
    {
        var venue = Venue() with { AddressLines = [null] };

        Assert.Equal("venue.addressLines[0]", FieldInError(Input() with { Venue = venue }));
    }

    [Fact]
    public void VenueCity_WhenMissing_NamesCity()
    {
        Assert.Equal("venue.city", FieldInError(Input() with { Venue = Venue() with { City = null } }));
    }

    [Fact]
    public void VenueRegion_WhenTooLong_NamesRegion()
    {
        Assert.Equal("venue.region", FieldInError(Input() with { Venue = Venue() with { Region = new string('r', 101) } }));
    }

    [Fact]
    public void VenuePostalCode_WhenTooLong_NamesPostalCode()
    {
        Assert.Equal("venue.postalCode", FieldInError(Input() with { Venue = Venue() with { PostalCode = new string('1', 21) } }));
    }

    [Fact]
    public void VenueRegionAndPostalCode_AreOptional()
    {
        var input = Input() with { Venue = Venue() with { Region = null, PostalCode = null } };

        Assert.True(Event.Create(EventId, Organizer, input, Clock()).IsSuccess);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("PRT")]
    [InlineData("P")]
    [InlineData("1A")]
    public void VenueCountry_WhenNotAnAssignedAlpha2Code_NamesCountry(string country)
    {
        Assert.Equal("venue.country", FieldInError(Input() with { Venue = Venue() with { Country = country } }));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("europe/lisbon")]
    [InlineData("GMT Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("Factory")]
    public void VenueTimeZone_WhenNotAnIanaZone_NamesTimeZone(string timeZone)
    {
        Assert.Equal("venue.timeZone", FieldInError(Input() with { Venue = Venue() with { TimeZone = timeZone } }));
    }

    [Theory]
    [InlineData("America/El_Salvador")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Calcutta")]
    [InlineData("UTC")]
    public void VenueTimeZone_WithIanaZoneOrLink_IsValid(string timeZone)
    {
        var input = Input() with { Venue = Venue() with { TimeZone = timeZone } };

        Assert.True(Event.Create(EventId, Organizer, input, Clock()).IsSuccess);
    }

    [Fact]
    public void StartsAt_WhenMissing_NamesStartsAt()
    {
        var result = Event.Create(EventId, Organizer, Input() with { StartsAt = null }, Clock());

        Assert.Contains(FieldErrors(result), e => e.Field == "startsAt");
    }

    [Fact]
    public void StartsAt_WhenMoreThanFiveYearsAhead_NamesStartsAt()
    {
        var startsAt = Now.AddYears(5).AddDays(1);

        Assert.Equal("startsAt", FieldInError(Input() with { StartsAt = startsAt, EndsAt = startsAt.AddHours(1) }));
    }

    [Fact]
    public void EndsAt_WhenMissing_NamesEndsAt()
    {
        Assert.Equal("endsAt", FieldInError(Input() with { EndsAt = null }));
    }

    [Fact]
    public void EndsAt_WhenEqualToStart_NamesEndsAt()
    {
        var input = Input();

        Assert.Equal("endsAt", FieldInError(input with { EndsAt = input.StartsAt }));
    }

    [Fact]
    public void EndsAt_WhenBeforeStart_NamesEndsAt()
    {
        var input = Input();

        Assert.Equal("endsAt", FieldInError(input with { EndsAt = input.StartsAt!.Value.AddMinutes(-1) }));
    }

    [Fact]
    public void EndsAt_WhenMoreThan31DaysAfterStart_NamesEndsAt()
    {
        var input = Input();

        Assert.Equal("endsAt", FieldInError(input with { EndsAt = input.StartsAt!.Value.AddDays(31).AddSeconds(1) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Capacity_WhenOutOfRange_NamesCapacity(int capacity)
    {
        Assert.Equal("capacity", FieldInError(Input() with { Capacity = capacity }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void Capacity_AtTheBounds_IsValid(int capacity)
    {
        Assert.True(Event.Create(EventId, Organizer, Input() with { Capacity = capacity }, Clock()).IsSuccess);
    }

    [Fact]
    public void Capacity_WhenMissing_NamesCapacity()
    {
        Assert.Equal("capacity", FieldInError(Input() with { Capacity = null }));
    }

    [Theory]
    [InlineData("events/0190a1b2c3d4e5f60718293a4b5c6d7f/cover/a.jpg")]
    [InlineData("events/0190a1b2c3d4e5f60718293a4b5c6d7e/other/a.jpg")]
    [InlineData("events/0190a1b2c3d4e5f60718293a4b5c6d7e/cover/")]
    [InlineData("events/0190a1b2c3d4e5f60718293a4b5c6d7e/cover/../x.jpg")]
    [InlineData("events/0190a1b2c3d4e5f60718293a4b5c6d7e/cover/sub/x.jpg")]
    [InlineData("somewhere/else.jpg")]
    public void CoverImageKey_WhenNotUnderTheEventsCoverPrefix_NamesCoverImageKey(string key)
    {
        Assert.Equal("coverImageKey", FieldInError(Input() with { CoverImageKey = key }));
    }

    [Fact]
    public void CoverImageKey_UnderTheEventsCoverPrefix_IsValid()
    {
        var input = Input() with { CoverImageKey = $"events/{EventId}/cover/0190aa.webp" };

        Assert.Equal(input.CoverImageKey, Event.Create(EventId, Organizer, input, Clock()).Value.CoverImageKey);
    }

    [Fact]
    public void Validate_ReportsEveryBrokenFieldAtOnce()
    {
        var input = Input() with
        {
            Title = "",
            Capacity = 0,
            Venue = Venue() with { TimeZone = "Nowhere/Land", Country = "ZZ" },
        };

        var fields = FieldErrors(Event.Create(EventId, Organizer, input, Clock())).Select(e => e.Field).Order().ToArray();

        Assert.Equal(["capacity", "title", "venue.country", "venue.timeZone"], fields);
    }

    [Fact]
    public void CancellationReason_WhenTooLong_NamesReason()
    {
        var result = EventValidation.ValidateCancellationReason(new string('r', 1_001));

        Assert.Equal("reason", SingleFieldInError(result));
    }
}
