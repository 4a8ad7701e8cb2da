using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

public sealed class EventUpdateTests
{
    [Fact]
    public void Update_ReplacesPresentFieldsAndKeepsTheRest()
    {
        var clock = Clock();
        var draft = Draft(clock: clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var updated = draft.Update(Organizer, new EventInput { Title = "New title", Capacity = 50 }, clock).Value;

        Assert.Equal("New title", updated.Title);
        Assert.Equal(50, updated.Capacity);
        Assert.Equal(draft.Description, updated.Description);
        Assert.Equal(draft.Venue, updated.Venue);
        Assert.Equal(draft.StartsAt, updated.StartsAt);
        Assert.Equal(2, updated.Version);
        Assert.Equal(Now.AddMinutes(5), updated.UpdatedAt);
        Assert.Equal(draft.CreatedAt, updated.CreatedAt);
    }

    [Fact]
    public void Update_WithVenue_ReplacesTheWholeVenue()
    {
        var draft = Draft();
        var venue = new VenueInput { Name = "Hall", AddressLines = ["Main St 1"], City = "San Salvador", Country = "SV", TimeZone = "America/El_Salvador" };

        var updated = draft.Update(Organizer, new EventInput { Venue = venue }, Clock()).Value;

        Assert.Equal("Hall", updated.Venue.Name);
        Assert.Null(updated.Venue.Region);
        Assert.Null(updated.Venue.PostalCode);
        Assert.Equal("SV", updated.Venue.Country);
    }

    [Fact]
    public void Update_WithEmptyDescription_ClearsIt()
    {
        var updated = Draft().Update(Organizer, new EventInput { Description = "" }, Clock()).Value;

        Assert.Null(updated.Description);
    }

    [Fact]
    public void Update_WhenNothingChanges_ReturnsTheSameVersion()
    {
        var draft = Draft();

        var updated = draft.Update(Organizer, new EventInput { Title = draft.Title, Venue = VenueInput.From(draft.Venue) }, Clock()).Value;

        Assert.Same(draft, updated);
    }

    [Fact]
    public void Update_WithInvalidField_NamesItAndChangesNothing()
    {
        var result = Draft().Update(Organizer, new EventInput { Title = " " }, Clock());

        Assert.Equal("title", SingleFieldInError(result));
    }

    [Fact]
    public void Update_WithEndBeforeExistingStart_NamesEndsAt()
    {
        var draft = Draft();

        var result = draft.Update(Organizer, new EventInput { EndsAt = draft.StartsAt.AddHours(-1) }, Clock());

        Assert.Equal("endsAt", SingleFieldInError(result));
    }

    [Fact]
    public void Update_MovingAPublishedEventIntoThePast_NamesStartsAt()
    {
        var published = Published();

        var result = published.Update(Organizer, new EventInput { StartsAt = Now.AddHours(-1) }, Clock());

        Assert.Equal("startsAt", SingleFieldInError(result));
    }

    [Fact]
    public void Update_PublishedEventThatHasStarted_MayStillChangeOtherFields()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.Advance(TimeSpan.FromDays(30).Add(TimeSpan.FromHours(1)));

        var result = published.Update(Organizer, new EventInput { Description = "Running late" }, clock);

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public void Update_DraftWithStartInThePast_IsAllowed()
    {
        var result = Draft().Update(Organizer, new EventInput { StartsAt = Now.AddDays(-1), EndsAt = Now.AddDays(-1).AddHours(1) }, Clock());

        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public void Update_ByAdmin_Succeeds()
    {
        Assert.True(Draft().Update(Admin, new EventInput { Title = "By admin" }, Clock()).IsSuccess);
    }

    [Fact]
    public void Update_OfAnotherOrganizersDraft_ReturnsNotFound()
    {
        var result = Draft().Update(OtherOrganizer, new EventInput { Title = "Mine now" }, Clock());

        Assert.IsType<NotFound>(result.Error);
    }

    [Fact]
    public void Update_OfAnotherOrganizersPublishedEvent_ReturnsForbidden()
    {
        var result = Published().Update(OtherOrganizer, new EventInput { Title = "Mine now" }, Clock());

        Assert.IsType<Forbidden>(result.Error);
    }

    [Fact]
    public void Update_ByAttendee_OfPublishedEvent_ReturnsForbidden()
    {
        Assert.IsType<Forbidden>(Published().Update(Attendee, new EventInput { Title = "x" }, Clock()).Error);
    }

    [Fact]
    public void Update_OfCancelledEvent_ReturnsInvalidStateTransition()
    {
        var cancelled = Draft().Cancel(Organizer, "Venue closed", Clock()).Value;

        var result = cancelled.Update(Organizer, new EventInput { Title = "Back on" }, Clock());

        var error = Assert.IsType<InvalidStateTransition>(result.Error);
        Assert.Equal("cancelled", error.CurrentState);
    }

    [Fact]
    public void Update_OfCompletedEvent_ReturnsInvalidStateTransition()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.Advance(TimeSpan.FromDays(31));
        var completed = published.Complete(clock).Value;

        Assert.IsType<InvalidStateTransition>(completed.Update(Organizer, new EventInput { Title = "x" }, clock).Error);
    }

    [Fact]
    public void Update_WithCoverImageKeyOfAnotherEvent_NamesCoverImageKey()
    {
        var result = Draft().Update(Organizer, new EventInput { CoverImageKey = "events/ffffffffffffffffffffffffffffffff/cover/a.png" }, Clock());

        Assert.Equal("coverImageKey", SingleFieldInError(result));
    }
}
