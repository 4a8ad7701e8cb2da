using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

public sealed class EventCreateTests
{
    [Fact]
    public void Create_WithValidInput_ReturnsDraftAtVersionOne()
    {
        var result = Event.Create(EventId, Organizer, Input(), Clock());

        Assert.True(result.IsSuccess, result.ToString());
        var e = result.Value;
        Assert.Equal(EventId, e.Id);
        Assert.Equal(Organizer.Id, e.OrganizerId);
        Assert.Equal(EventStatus.Draft, e.Status);
        Assert.Equal(1, e.Version);
        Assert.Equal(Now, e.CreatedAt);
        Assert.Equal(Now, e.UpdatedAt);
        Assert.Null(e.PublishedAt);
        Assert.Equal("Lisbon Bitcoin Meetup", e.Title);
        Assert.Equal("Europe/Lisbon", e.Venue.TimeZone);
        Assert.Equal(120, e.Capacity);
    }

    [Fact]
    public void Create_ByAdmin_Succeeds()
    {
        Assert.True(Event.Create(EventId, Admin, Input(), Clock()).IsSuccess);
    }

    [Fact]
    public void Create_ByAttendee_ReturnsForbidden()
    {
        var result = Event.Create(EventId, Attendee, Input(), Clock());

        Assert.IsType<Forbidden>(result.Error);
    }

    [Fact]
    public void Create_ByCallerWithoutGroups_ReturnsForbidden()
    {
        Assert.IsType<Forbidden>(Event.Create(EventId, new Caller("nobody"), Input(), Clock()).Error);
    }

    [Fact]
    public void Create_WithMalformedId_Throws()
    {
        Assert.Throws<ArgumentException>(() => Event.Create("not-an-id", Organizer, Input(), Clock()));
    }

    [Fact]
    public void Create_TrimsTextAndNormalisesInstantsToUtc()
    {
        var startsAt = new DateTimeOffset(2030, 4, 1, 19, 0, 0, TimeSpan.FromHours(1));
        var input = Input() with
        {
            Title = "  Meetup  ",
            StartsAt = startsAt,
            EndsAt = startsAt.AddHours(2),
            Venue = Venue() with { Country = "pt", Region = "   " },
        };

        var e = Event.Create(EventId, Organizer, input, Clock()).Value;

        Assert.Equal("Meetup", e.Title);
        Assert.Equal(TimeSpan.Zero, e.StartsAt.Offset);
        Assert.Equal(startsAt, e.StartsAt);
        Assert.Equal("PT", e.Venue.Country);
        Assert.Null(e.Venue.Region);
    }

    [Fact]
    public void Create_WithStartInThePast_IsAllowedForADraft()
    {
        var input = Input() with { StartsAt = Now.AddDays(-2), EndsAt = Now.AddDays(-2).AddHours(1) };

        Assert.True(Event.Create(EventId, Organizer, input, Clock()).IsSuccess);
    }

    [Fact]
    public void Create_WithEverythingMissing_NamesEveryRequiredField()
    {
        var result = Event.Create(EventId, Organizer, new EventInput(), Clock());

        var fields = FieldErrors(result).Select(e => e.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "title", "venue", "startsAt", "endsAt", "capacity" },
            fields);
    }

    [Fact]
    public void Create_WithEmptyVenue_NamesEachVenueField()
    {
        var result = Event.Create(EventId, Organizer, Input() with { Venue = new VenueInput() }, Clock());

        var fields = FieldErrors(result).Select(e => e.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "venue.name", "venue.addressLines", "venue.city", "venue.country", "venue.timeZone" },
            fields);
    }
}
